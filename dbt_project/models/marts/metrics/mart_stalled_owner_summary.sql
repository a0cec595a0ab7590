{#- Stalled items per owner (docs/metrics/stalled.md): per owner × item type, the open
    items at the as-of time, how many are stalled and their share, the USD of the stalled
    deals and the longest time a stalled item has sat in its stage (mart_stalled_items). -#}
with

items as (

    select * from {{ ref('mart_stalled_items') }}

),

aggregated as (

    select
        owner_key,
        item_type,
        any_value(owner_name) as owner_name,
        any_value(owner_team) as owner_team,
        min(snapshot_date) as snapshot_date,
        count(*) as open_items,
        count(*) filter (where is_stalled) as stalled_items,
        sum(amount_usd) as open_amount_usd,
        sum(amount_usd) filter (where is_stalled) as stalled_amount_usd,
        max(days_in_stage) filter (where is_stalled) as oldest_stalled_days
    from items
    group by owner_key, item_type

),

final as (

    select
        owner_key,
        item_type,
        owner_name,
        owner_team,
        snapshot_date,
        {{ sales_count('open_items') }} as open_items,
        {{ sales_count('stalled_items') }} as stalled_items,
        {{ metrics_ratio('stalled_items', 'open_items') }} as stalled_share,
        -- A lead has no amount: NULL for leads, 0 for deals without a stalled one.
        case
            when item_type = 'deal' then cast(coalesce(open_amount_usd, 0) as decimal(18, 2))
        end as open_amount_usd,
        case
            when item_type = 'deal' then cast(coalesce(stalled_amount_usd, 0) as decimal(18, 2))
        end as stalled_amount_usd,
        cast(oldest_stalled_days as double) as oldest_stalled_days
    from aggregated

)

select * from final
