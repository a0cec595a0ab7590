{#- Deal property changes (dealstage, amount, closedate) as staged, keyed by the
    opportunity key the core models use ('hs_' || deal id). -#}
with

history as (

    select * from {{ ref('stg_hubspot__deal_property_history') }}

),

final as (

    select
        'hs_' || deal_id as opportunity_key,
        *
    from history

)

select * from final
