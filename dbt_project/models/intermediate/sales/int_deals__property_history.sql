{#- Deal property changes (dealstage, amount, closedate) as staged, keyed by the
    opportunity key the core models use (macro crm_key: 'hs_' or 'sf_' || deal id).
    Archived deals are left out unless the var include_archived is true. -#}
with

history as (

    select * from {{ ref('stg_crm__deal_property_history') }}

),

archived_deals as (

    select deal_id from {{ ref('stg_crm__deals') }}
    where not ({{ hubspot_not_archived('is_archived') }})

),

final as (

    select
        {{ crm_key('history.deal_id') }} as opportunity_key,
        history.*
    from history
    left join archived_deals
        on history.deal_id = archived_deals.deal_id
    where archived_deals.deal_id is null

)

select * from final
