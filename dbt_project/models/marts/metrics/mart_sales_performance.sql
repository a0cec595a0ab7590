{#- Win rate, average deal size and average sales cycle (DESIGN.md §5), period-based by the
    close period, overall and per rep, team, segment and source. Amounts in USD (each deal
    converted on its close day). -#}
{%- set dimension_columns = {
    'owner': 'owner_key',
    'owner_team': 'owner_team',
    'company_size_band': 'company_size_band',
    'industry': 'industry',
    'source': 'source_channel',
} -%}
with

closed_deals as (

    select * from {{ ref('int_metrics__closed_deals') }}

),

slices as (

    {{ metrics_dimension_rows('closed_deals', 'opportunity_key', dimension_columns) }}

),

sliced as (

    select
        slices.dimension,
        slices.dimension_value,
        closed_deals.*
    from closed_deals
    inner join slices
        on closed_deals.opportunity_key = slices.entity_key

),

totals as (

    select
        period_grains.period_grain,
        {{ metrics_period_start('sliced.closed_at', 'period_grains.period_grain') }} as period_start,
        sliced.dimension,
        sliced.dimension_value,
        count(*) as closed_deals,
        count(*) filter (where sliced.is_won) as won_deals,
        count(*) filter (where not sliced.is_won) as lost_deals,
        coalesce(sum(sliced.amount_usd) filter (where sliced.is_won), 0) as won_revenue_usd,
        coalesce(sum(sliced.sales_cycle_days) filter (where sliced.is_won), 0) as won_sales_cycle_days_total
    from sliced
    cross join {{ metrics_period_grains() }}
    group by all

),

-- The most frequent loss reason; a tie goes to the alphabetically first reason (not mode(),
-- which picks among tied values by the order rows arrive in).
loss_reason_counts as (

    select
        period_grains.period_grain,
        {{ metrics_period_start('sliced.closed_at', 'period_grains.period_grain') }} as period_start,
        sliced.dimension,
        sliced.dimension_value,
        sliced.loss_reason,
        count(*) as lost_deals
    from sliced
    cross join {{ metrics_period_grains() }}
    where not sliced.is_won and sliced.loss_reason is not null
    group by all

),

top_loss_reasons as (

    select
        period_grain,
        period_start,
        dimension,
        dimension_value,
        arg_min(loss_reason, (-lost_deals, loss_reason)) as top_loss_reason
    from loss_reason_counts
    group by all

),

aggregated as (

    select
        totals.*,
        top_loss_reasons.top_loss_reason
    from totals
    left join top_loss_reasons
        on
            totals.period_grain = top_loss_reasons.period_grain
            and totals.period_start = top_loss_reasons.period_start
            and totals.dimension = top_loss_reasons.dimension
            and totals.dimension_value = top_loss_reasons.dimension_value

),

final as (

    select
        period_grain,
        period_start,
        dimension,
        dimension_value,
        closed_deals,
        won_deals,
        lost_deals,
        {{ metrics_ratio('won_deals', 'won_deals + lost_deals') }} as win_rate,
        won_revenue_usd,
        {{ metrics_ratio('won_revenue_usd', 'won_deals') }} as avg_deal_size_usd,
        won_sales_cycle_days_total,
        {{ metrics_ratio('won_sales_cycle_days_total', 'won_deals') }} as avg_sales_cycle_days,
        top_loss_reason
    from aggregated

)

select * from final
