{#- The custom contact fields (seed custom_fields, source hubspot, object contacts) of each
    person, taken from the surviving HubSpot record, so a merged contact shows the survivor's
    values. Only the key when no field is listed. -#}
with

resolved as (

    select * from {{ ref('int_contacts__resolved') }}
    where not is_merged_away

),

contacts as (

    select * from {{ ref('stg_crm__contacts') }}

),

final as (

    select resolved.contact_key{{
        custom_field_list(ref('custom_fields'), 'hubspot', 'contacts', 'contacts') }}
    from resolved
    inner join contacts
        on resolved.hubspot_contact_id = contacts.contact_id

)

select * from final
