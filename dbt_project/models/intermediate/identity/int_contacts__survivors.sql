{#- One row per person: the surviving HubSpot record's current attributes, with the
    records merged into it counted and listed. -#}
with

resolved as (

    select * from {{ ref('int_contacts__resolved') }}

),

contacts as (

    select * from {{ ref('stg_crm__contacts') }}

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

final as (

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
        contacts.persona,
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

)

select * from final
