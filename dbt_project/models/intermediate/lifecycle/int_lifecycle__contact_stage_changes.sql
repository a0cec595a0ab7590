{#- Stage changes the CRM recorded on contacts: the lifecyclestage / hs_lead_status
    history of surviving records (HubSpot keeps the survivor's history on merge), before
    mapping to canonical stages (int_lifecycle__stage_changes maps). -#}
with

history as (

    select * from {{ ref('stg_crm__contact_property_history') }}

),

resolved as (

    select * from {{ ref('int_contacts__resolved') }}

),

final as (

    select
        {{ surrogate_key(['history.source_system', 'history.contact_id', 'history.property_name',
                          'history.change_number']) }} as stage_change_id,
        resolved.contact_key,
        history.valid_from as changed_at,
        history.source_system,
        history.property_name as source_field,
        history.property_value as source_value,
        history.contact_id as source_record_id,
        cast(null as varchar) as nurture_program,
        false as is_inferred
    from history
    inner join resolved
        on history.contact_id = resolved.hubspot_contact_id
    where not resolved.is_merged_away

)

select * from final
