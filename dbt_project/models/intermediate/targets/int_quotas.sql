{#- Rep quotas per period, as staged, keyed by the owner key the core models use
    (macro crm_key: 'hs_' or 'sf_' || the CRM owner id). -#}
with

quotas as (

    select * from {{ ref('stg_targets__quotas') }}

),

final as (

    select
        {{ crm_key('owner_id') }} as owner_key,
        *
    from quotas

)

select * from final
