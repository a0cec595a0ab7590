{#- One row per person: the surviving HubSpot record's current attributes, with the
    records merged into it counted and listed, and its persona: the CRM's persona value
    when set, else the first rule of the seed persona_mapping (ascending priority) whose
    title_pattern (case-insensitive regular expression searched in the job title),
    seniority and department (case-insensitive; an empty rule value matches anything) all
    match; no rule matches: '(unknown)'. owner_assigned_at is the person's FIRST owner
    assignment the CRM history records (HubSpot `hubspot_owner_assigneddate` values,
    Salesforce Owner changes in LeadHistory / ContactHistory) over all its records, else
    the survivor's current assignment time. -#}
with

resolved as (

    select * from {{ ref('int_contacts__resolved') }}

),

contacts as (

    select * from {{ ref('stg_crm__contacts') }}

),

property_history as (

    select * from {{ ref('stg_crm__contact_property_history') }}

),

-- Every owner assignment the CRM history records, per record.
owner_assignments as (

    select
        contact_id,
        case
            when source_system = 'hubspot' then {{ iso_to_utc_timestamp('property_value') }}
            else valid_from
        end as assigned_at
    from property_history
    where
        (source_system = 'hubspot' and property_name = 'hubspot_owner_assigneddate')
        or (
            source_system = 'salesforce'
            and property_name in ('Owner', 'OwnerId')
            and change_source_type in ('LeadHistory', 'ContactHistory')
        )

),

first_assignments as (

    select
        resolved.contact_key,
        min(owner_assignments.assigned_at) as first_owner_assigned_at
    from resolved
    inner join owner_assignments
        on resolved.hubspot_contact_id = owner_assignments.contact_id
    group by resolved.contact_key

),

persona_rules as (

    select * from {{ ref('persona_mapping') }}

),

merged_records as (

    select
        contact_key,
        count(*) filter (where is_merged_away) as merged_record_count,
        list(hubspot_contact_id order by hubspot_contact_id) filter (where is_merged_away)
            as merged_hubspot_contact_ids
    from resolved
    group by contact_key

),

survivors as (

    select
        resolved.contact_key,
        contacts.contact_id as hubspot_contact_id,
        contacts.email,
        contacts.email_normalized,
        contacts.first_name,
        contacts.last_name,
        nullif(trim(concat_ws(' ', contacts.first_name, contacts.last_name)), '') as full_name,
        contacts.job_title,
        contacts.seniority,
        contacts.is_decision_maker,
        nullif(trim(contacts.persona), '') as crm_persona,
        contacts.department,
        contacts.company_name,
        contacts.industry,
        contacts.number_of_employees,
        contacts.country,
        contacts.owner_id as hubspot_owner_id,
        contacts.created_at,
        contacts.analytics_source as original_source,
        contacts.nurture_program,
        contacts.visitor_id,
        contacts.lifecycle_stage as crm_lifecycle_stage,
        contacts.lead_status as crm_lead_status,
        contacts.disqualification_reason,
        contacts.owner_assigned_at as current_owner_assigned_at,
        contacts.has_bant_budget,
        contacts.has_bant_authority,
        contacts.has_bant_need,
        contacts.has_bant_timeline,
        coalesce(merged_records.merged_record_count, 0) as merged_record_count,
        coalesce(merged_records.merged_hubspot_contact_ids, []) as merged_hubspot_contact_ids,
        contacts.is_archived,
        contacts.updated_at
    from resolved
    inner join contacts
        on resolved.hubspot_contact_id = contacts.contact_id
    left join merged_records
        on resolved.contact_key = merged_records.contact_key
    where not resolved.is_merged_away

),

-- The rules are tried once per distinct (title, seniority, department), not per contact.
profiles as (

    select distinct
        job_title,
        seniority,
        department
    from survivors
    where crm_persona is null

),

persona_matches as (

    select
        profiles.job_title,
        profiles.seniority,
        profiles.department,
        arg_min(trim(persona_rules.persona), persona_rules.priority) as mapped_persona
    from profiles
    inner join persona_rules
        on
            (
                coalesce(persona_rules.title_pattern, '') = ''
                or regexp_matches(coalesce(profiles.job_title, ''), persona_rules.title_pattern, 'i')
            )
            and (
                coalesce(trim(persona_rules.seniority), '') = ''
                or lower(trim(persona_rules.seniority)) = lower(coalesce(profiles.seniority, ''))
            )
            and (
                coalesce(trim(persona_rules.department), '') = ''
                or lower(trim(persona_rules.department)) = lower(coalesce(profiles.department, ''))
            )
    group by profiles.job_title, profiles.seniority, profiles.department

),

final as (

    select
        survivors.*,
        coalesce(survivors.crm_persona, persona_matches.mapped_persona, '(unknown)') as persona,
        coalesce(first_assignments.first_owner_assigned_at, survivors.current_owner_assigned_at)
            as owner_assigned_at
    from survivors
    left join persona_matches
        on
            survivors.job_title is not distinct from persona_matches.job_title
            and survivors.seniority is not distinct from persona_matches.seniority
            and survivors.department is not distinct from persona_matches.department
    left join first_assignments
        on survivors.contact_key = first_assignments.contact_key

)

select * from final
