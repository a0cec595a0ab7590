{#- One row per Salesforce person (docs/salesforce.md §4), in the columns of
    stg_hubspot__contacts: every Contact, and every Lead that is neither converted into a
    Contact we have nor merged away. A Contact's converted leads are the same person: their
    ids are in its merged_object_ids, its stage date stamps are the earliest of the lead's
    and its own, and it was created when its first lead was. Attributes the Contact lacks
    come from its first lead (company name, industry, size), else from its Account.
    Over 200 lines because one person is assembled from two objects (Contact and its
    converted Leads, or a Lead alone) into the whole stg_hubspot__contacts column list; the
    two branches share that list and read best side by side. -#}
with

leads as (

    select * from {{ ref('base_salesforce__lead') }}

),

contacts as (

    select * from {{ ref('base_salesforce__contact') }}

),

accounts as (

    select * from {{ ref('base_salesforce__account') }}

),

links as (

    {{ salesforce_person_links('leads', 'contacts') }}

),

-- The latest owner change the CRM recorded (LeadHistory / ContactHistory `Owner`, on the
-- person: a converted or merged-away record's history is its person's); a person whose
-- owner never changed has no known assignment time.
owner_changes as (

    select
        lead_id as record_id,
        field,
        created_date
    from {{ ref('base_salesforce__lead_history') }}
    union all
    select
        contact_id as record_id,
        field,
        created_date
    from {{ ref('base_salesforce__contact_history') }}

),

owner_assignments as (

    select
        coalesce(links.surviving_id, owner_changes.record_id) as person_id,
        max(owner_changes.created_date) as owner_assigned_at
    from owner_changes
    left join links
        on owner_changes.record_id = links.merged_id
    where owner_changes.field in ('Owner', 'OwnerId')
    group by coalesce(links.surviving_id, owner_changes.record_id)

),

merged_ids as (

    select
        surviving_id,
        list(merged_id order by merged_id) as merged_object_ids
    from links
    group by surviving_id

),

converted_leads as (

    {{ salesforce_converted_leads('leads', 'contacts') }}

),

-- Per Contact: its first lead's attributes and the earliest stamps over all its leads.
contact_leads as (

    select
        person_id,
        arg_min(company, created_date) as company,
        arg_min(industry, created_date) as industry,
        arg_min(number_of_employees, created_date) as number_of_employees,
        arg_min(country, created_date) as country,
        arg_min(lead_source, created_date) as lead_source,
        arg_min(status, created_date) as status,
        arg_min(disqualification_reason_c, created_date) as disqualification_reason_c,
        arg_min(converted_account_id, created_date) as converted_account_id,
        min(created_date) as created_date,
        max(last_modified_date) as last_modified_date,
        min(lead_date_c) as lead_date_c,
        min(mql_date_c) as mql_date_c,
        min(sql_date_c) as sql_date_c,
        min(opportunity_date_c) as opportunity_date_c,
        min(customer_date_c) as customer_date_c,
        min(evangelist_date_c) as evangelist_date_c
    from converted_leads
    group by person_id

),

contact_persons as (

    select
        contacts.id as contact_id,
        coalesce(contacts.account_id, contact_leads.converted_account_id) as company_id,
        contacts.owner_id,
        contacts.visitor_id_c as visitor_id,
        contacts.email,
        contacts.first_name,
        contacts.last_name,
        contacts.title as job_title,
        contacts.seniority_c as seniority,
        contacts.department,
        coalesce(contact_leads.company, accounts.name) as company_name,
        coalesce(contact_leads.industry, accounts.industry) as industry,
        coalesce(contacts.mailing_country, contact_leads.country) as country,
        contacts.lifecycle_stage_c as lifecycle_stage,
        coalesce(contacts.lead_status_c, contact_leads.status) as lead_status,
        coalesce(contacts.lead_source, contact_leads.lead_source) as analytics_source,
        contacts.persona_c as persona,
        coalesce(contacts.disqualification_reason_c, contact_leads.disqualification_reason_c)
            as disqualification_reason,
        contacts.nurture_program_c as nurture_program,
        coalesce(contact_leads.number_of_employees, accounts.number_of_employees)
            as number_of_employees,
        contacts.decision_maker_c,
        contacts.bant_budget_c,
        contacts.bant_authority_c,
        contacts.bant_need_c,
        contacts.bant_timeline_c,
        contacts.is_deleted,
        least(contacts.lead_date_c, contact_leads.lead_date_c) as lead_date_c,
        least(contacts.mql_date_c, contact_leads.mql_date_c) as mql_date_c,
        least(contacts.sql_date_c, contact_leads.sql_date_c) as sql_date_c,
        least(contacts.opportunity_date_c, contact_leads.opportunity_date_c) as opportunity_date_c,
        least(contacts.customer_date_c, contact_leads.customer_date_c) as customer_date_c,
        least(contacts.evangelist_date_c, contact_leads.evangelist_date_c) as evangelist_date_c,
        least(contacts.created_date, contact_leads.created_date) as created_date,
        greatest(contacts.last_modified_date, contact_leads.last_modified_date)
            as last_modified_date,
        contacts.system_modstamp,
        contacts._extra,
        contacts._source,
        contacts._batch_id,
        contacts._loaded_at,
        contacts._file
    from contacts
    left join contact_leads
        on contacts.id = contact_leads.person_id
    left join accounts
        on coalesce(contacts.account_id, contact_leads.converted_account_id) = accounts.id
    anti join links
        on contacts.id = links.merged_id

),

lead_persons as (

    select
        leads.id as contact_id,
        leads.converted_account_id as company_id,
        leads.owner_id,
        leads.visitor_id_c as visitor_id,
        leads.email,
        leads.first_name,
        leads.last_name,
        leads.title as job_title,
        leads.seniority_c as seniority,
        -- A Lead has no standard department field.
        cast(null as varchar) as department,
        leads.company as company_name,
        leads.industry,
        leads.country,
        leads.lifecycle_stage_c as lifecycle_stage,
        leads.status as lead_status,
        leads.lead_source as analytics_source,
        leads.persona_c as persona,
        leads.disqualification_reason_c as disqualification_reason,
        leads.nurture_program_c as nurture_program,
        leads.number_of_employees,
        leads.decision_maker_c,
        leads.bant_budget_c,
        leads.bant_authority_c,
        leads.bant_need_c,
        leads.bant_timeline_c,
        leads.is_deleted,
        leads.lead_date_c,
        leads.mql_date_c,
        leads.sql_date_c,
        leads.opportunity_date_c,
        leads.customer_date_c,
        leads.evangelist_date_c,
        leads.created_date,
        leads.last_modified_date,
        leads.system_modstamp,
        leads._extra,
        leads._source,
        leads._batch_id,
        leads._loaded_at,
        leads._file
    from leads
    anti join links
        on leads.id = links.merged_id

),

persons as (

    select * from contact_persons
    union all
    select * from lead_persons

),

renamed as (

    select
        'salesforce' as source_system,

        ---------- ids
        persons.contact_id,
        persons.company_id,
        persons.owner_id,
        persons.visitor_id,
        -- Converted leads and merged-away records that became this person.
        coalesce(merged_ids.merged_object_ids, cast([] as varchar[])) as merged_object_ids,

        ---------- strings
        persons.email,
        {{ normalize_email('persons.email') }} as email_normalized,
        persons.first_name,
        persons.last_name,
        persons.job_title,
        persons.seniority,
        persons.department,
        persons.company_name,
        nullif(split_part({{ normalize_email('persons.email') }}, '@', 2), '') as email_domain,
        persons.industry,
        persons.country,
        -- Stage values pass through unmapped: seed stage_mapping maps them downstream.
        persons.lifecycle_stage,
        persons.lead_status,
        persons.analytics_source,
        persons.persona,
        persons.disqualification_reason,
        persons.nurture_program,

        ---------- numerics
        persons.number_of_employees,

        ---------- booleans
        {{ try_cast('persons.decision_maker_c', 'boolean') }} as is_decision_maker,
        {{ try_cast('persons.bant_budget_c', 'boolean') }} as has_bant_budget,
        {{ try_cast('persons.bant_authority_c', 'boolean') }} as has_bant_authority,
        {{ try_cast('persons.bant_need_c', 'boolean') }} as has_bant_need,
        {{ try_cast('persons.bant_timeline_c', 'boolean') }} as has_bant_timeline,
        -- Deleted (recycle bin): kept here, left out of core unless var include_archived.
        coalesce(persons.is_deleted, false) as is_archived,

        ---------- timestamps
        persons.lead_date_c as became_lead_at,
        persons.mql_date_c as became_mql_at,
        persons.sql_date_c as became_sql_at,
        persons.opportunity_date_c as became_opportunity_at,
        persons.customer_date_c as became_customer_at,
        persons.evangelist_date_c as became_evangelist_at,
        owner_assignments.owner_assigned_at,
        persons.created_date as created_at,
        persons.last_modified_date as updated_at,
        -- Salesforce keeps no deletion time: the last system change of a deleted record.
        case when persons.is_deleted then persons.system_modstamp end as archived_at,

        ---------- custom fields (seed custom_fields): typed columns named by their alias
        {{ salesforce_custom_field_columns(ref('custom_fields'), 'contacts') }}

        ---------- lineage
        persons._source,
        persons._batch_id,
        persons._loaded_at,
        persons._file
    from persons
    left join merged_ids
        on persons.contact_id = merged_ids.surviving_id
    left join owner_assignments
        on persons.contact_id = owner_assignments.person_id

)

select * from renamed
