{#- One row per person: the surviving HubSpot record (int_contacts__survivors) with its
    account (int_contacts__accounts) and owner, then the custom contact fields of the seed
    custom_fields (int_contacts__custom_fields: one column per alias, none by default). -#}
{{ custom_field_clash_check(
    ref('int_contacts__custom_fields'), 'contact_key',
    [ref('int_contacts__survivors'), ref('int_contacts__accounts'), ref('dim_owner')]
) }}
with

survivors as (

    select * from {{ ref('int_contacts__survivors') }}

),

accounts as (

    select * from {{ ref('int_contacts__accounts') }}

),

owners as (

    select * from {{ ref('dim_owner') }}

),

custom_fields as (

    select * from {{ ref('int_contacts__custom_fields') }}

),

final as (

    select
        survivors.contact_key,
        survivors.hubspot_contact_id,
        survivors.email,
        survivors.email_normalized,
        survivors.first_name,
        survivors.last_name,
        survivors.full_name,
        survivors.job_title,
        survivors.seniority,
        survivors.department,
        survivors.is_decision_maker,
        survivors.persona,
        survivors.company_name,
        survivors.industry,
        survivors.number_of_employees,
        survivors.country,
        owners.owner_key,
        accounts.account_key,
        accounts.account_source,
        accounts.email_domain,
        survivors.created_at,
        survivors.original_source,
        survivors.nurture_program,
        survivors.visitor_id,
        survivors.crm_lifecycle_stage,
        survivors.crm_lead_status,
        survivors.disqualification_reason,
        survivors.owner_assigned_at,
        survivors.has_bant_budget,
        survivors.has_bant_authority,
        survivors.has_bant_need,
        survivors.has_bant_timeline,
        survivors.merged_record_count,
        survivors.merged_hubspot_contact_ids,
        survivors.is_archived,
        survivors.updated_at,
        custom_fields.* exclude (custom_fields.contact_key)
    from survivors
    left join accounts
        on survivors.contact_key = accounts.contact_key
    left join owners
        on survivors.hubspot_owner_id = owners.hubspot_owner_id
    left join custom_fields
        on survivors.contact_key = custom_fields.contact_key

)

select * from final
