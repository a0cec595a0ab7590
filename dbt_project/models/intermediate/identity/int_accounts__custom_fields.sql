{#- The custom company fields (seed custom_fields, source hubspot, object companies) of
    each HubSpot company's account. Only the key when no field is listed. -#}
with

companies as (

    select * from {{ ref('stg_crm__companies') }}

),

final as (

    select {{ crm_key('companies.company_id') }} as account_key{{
        custom_field_list(ref('custom_fields'), 'hubspot', 'companies', 'companies') }}
    from companies

)

select * from final
