{#- The custom deal fields (seed custom_fields, source hubspot, object deals) of each
    deal. Only the key when no field is listed. -#}
with

deals as (

    select * from {{ ref('stg_crm__deals') }}

),

final as (

    select {{ crm_key('deals.deal_id') }} as opportunity_key{{
        custom_field_list(ref('custom_fields'), 'hubspot', 'deals', 'deals') }}
    from deals

)

select * from final
