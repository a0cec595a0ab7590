with

source as (

    select * from {{ source('raw', 'hubspot__contacts') }}
    {{ deduplicate('id', hubspot_newest_version_first()) }}

),

renamed as (

    select
        ---------- ids
        cast(id as varchar) as contact_id,
        {{ hubspot_text('associatedcompanyid') }} as company_id,
        {{ hubspot_text('hubspot_owner_id') }} as owner_id,
        {{ hubspot_text('closedloop_visitor_id') }} as visitor_id,
        -- Contacts merged into this one (HubSpot keeps only the survivor's id live).
        {{ hubspot_id_list('hs_merged_object_ids') }} as merged_object_ids,

        ---------- strings
        {{ hubspot_text('email') }} as email,
        {{ normalize_email(hubspot_text('email')) }} as email_normalized,
        {{ hubspot_text('firstname') }} as first_name,
        {{ hubspot_text('lastname') }} as last_name,
        {{ hubspot_text('jobtitle') }} as job_title,
        {{ hubspot_text('seniority') }} as seniority,
        -- HubSpot's enumerated job role (engineering, marketing, ...): the department.
        {{ hubspot_text('hs_role') }} as department,
        {{ hubspot_text('company') }} as company_name,
        {{ hubspot_text('hs_email_domain') }} as email_domain,
        {{ hubspot_text('industry') }} as industry,
        {{ hubspot_text('country') }} as country,
        -- Stage values pass through unmapped: unknown values are flagged downstream.
        {{ hubspot_text('lifecyclestage') }} as lifecycle_stage,
        {{ hubspot_text('hs_lead_status') }} as lead_status,
        {{ hubspot_text('hs_analytics_source') }} as analytics_source,
        {{ hubspot_text('hs_persona') }} as persona,
        -- Sales' reason for disqualifying (custom property), raw CRM value.
        {{ hubspot_text('disqualification_reason') }} as disqualification_reason,
        {{ hubspot_text('closedloop_nurture_program') }} as nurture_program,

        ---------- numerics
        {{ hubspot_number('num_employees') }} as number_of_employees,

        ---------- booleans
        {{ hubspot_boolean('decision_maker') }} as is_decision_maker,
        {{ hubspot_boolean('bant_budget') }} as has_bant_budget,
        {{ hubspot_boolean('bant_authority') }} as has_bant_authority,
        {{ hubspot_boolean('bant_need') }} as has_bant_need,
        {{ hubspot_boolean('bant_timeline') }} as has_bant_timeline,
        -- Archived (deleted to HubSpot's recycle bin): kept here, left out of core
        -- unless the var include_archived is true.
        coalesce(archived, false) as is_archived,

        ---------- timestamps
        {{ hubspot_timestamp('hs_lifecyclestage_lead_date') }} as became_lead_at,
        {{ hubspot_timestamp('hs_lifecyclestage_marketingqualifiedlead_date') }} as became_mql_at,
        {{ hubspot_timestamp('hs_lifecyclestage_salesqualifiedlead_date') }} as became_sql_at,
        {{ hubspot_timestamp('hs_lifecyclestage_opportunity_date') }} as became_opportunity_at,
        {{ hubspot_timestamp('hs_lifecyclestage_customer_date') }} as became_customer_at,
        {{ hubspot_timestamp('hs_lifecyclestage_evangelist_date') }} as became_evangelist_at,
        -- HubSpot sets it when the contact owner changes: the latest owner assignment.
        {{ hubspot_timestamp('hubspot_owner_assigneddate') }} as owner_assigned_at,
        {{ iso_to_utc_timestamp('created_at') }} as created_at,
        {{ iso_to_utc_timestamp('updated_at') }} as updated_at,
        -- Set on archived records (HubSpot `archivedAt`); NULL otherwise.
        {{ iso_to_utc_timestamp('archived_at') }} as archived_at,

        ---------- custom fields (seed custom_fields): typed columns named by their alias
        {{ custom_field_columns(ref('custom_fields'), 'hubspot', 'contacts') }}

        ---------- lineage
        _source,
        _batch_id,
        {{ tz_to_utc_timestamp('_loaded_at') }} as _loaded_at,
        _file
    from source

)

select * from renamed
