{#- Rep quotas per period, as staged, keyed by the owner key the core models use
    ('hs_' || HubSpot owner id). -#}
with

quotas as (

    select * from {{ ref('stg_targets__quotas') }}

),

final as (

    select
        'hs_' || owner_id as owner_key,
        *
    from quotas

)

select * from final
