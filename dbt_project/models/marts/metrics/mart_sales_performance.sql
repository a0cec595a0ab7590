{#- Win rate, average deal size and average sales cycle (DESIGN.md §5, docs/metrics/sales.md)
    by close month and the finest slice: deal type (new_business / expansion / renewal;
    the classic win rate and sales cycle are deal_type = 'new_business'), rep, team,
    company size band, industry and source (the account's first-touch channel). Counts and sums are additive over months and
    slices; the ratios are the row's own (sum the parts, then divide, to aggregate). Amounts
    are fct_opportunities.amount_usd (the close day's rate). -#}
{%- set slices = ['deal_type'] + sales_slice_columns() -%}
with

closed_deals as (

    select * from {{ ref('int_metrics__closed_deals') }}

),

aggregated as (

    select
        cast(date_trunc('month', closed_at) as date) as month_start,
        {{ slices | join(', ') }},
        {{ sales_count_if() }} as closed_deals,
        {{ sales_count_if('is_won') }} as won_deals,
        {{ sales_count_if('not is_won') }} as lost_deals,
        {{ sales_usd_sum('amount_usd', 'is_won') }} as won_revenue_usd,
        cast(coalesce(sum(sales_cycle_days) filter (where is_won), 0) as double)
            as won_sales_cycle_days_total
    from closed_deals
    group by all

),

final as (

    select
        month_start,
        {{ slices | join(', ') }},
        closed_deals,
        won_deals,
        lost_deals,
        {{ metrics_ratio('won_deals', 'won_deals + lost_deals') }} as win_rate,
        won_revenue_usd,
        {{ metrics_ratio('won_revenue_usd', 'won_deals') }} as avg_deal_size_usd,
        won_sales_cycle_days_total,
        {{ metrics_ratio('won_sales_cycle_days_total', 'won_deals') }} as avg_sales_cycle_days
    from aggregated

)

select * from final
