{#- Why deals were lost: lost deals per loss reason, period-based by the close period,
    overall and per rep, team, segment and source. -#}
{%- set dimension_columns = {
    'owner': 'owner_key',
    'owner_team': 'owner_team',
    'company_size_band': 'company_size_band',
    'industry': 'industry',
    'source': 'source_channel',
} -%}
with

lost_deals as (

    select * from {{ ref('int_metrics__closed_deals') }}
    where not is_won

),

slices as (

    {{ metrics_dimension_rows('lost_deals', 'opportunity_key', dimension_columns) }}

),

aggregated as (

    select
        period_grains.period_grain,
        {{ metrics_period_start('lost_deals.closed_at', 'period_grains.period_grain') }} as period_start,
        slices.dimension,
        slices.dimension_value,
        {{ metrics_unknown('lost_deals.loss_reason') }} as loss_reason,
        count(*) as lost_deals,
        sum(lost_deals.amount_usd) as lost_amount_usd
    from lost_deals
    inner join slices
        on lost_deals.opportunity_key = slices.entity_key
    cross join {{ metrics_period_grains() }}
    group by all

),

final as (

    select
        *,
        {{ metrics_ratio(
            'lost_deals',
            'sum(lost_deals) over (partition by period_grain, period_start, dimension, dimension_value)'
        ) }} as share_of_lost_deals
    from aggregated

)

select * from final
