{#- ROAS and ROMI by channel, campaign and attribution model, per month and quarter
    (period-based: revenue in the close month, cost in the month spent). Attributed
    revenue = closed-won credits of mart_channel_attribution; ad spend from the same mart
    (one channel per campaign); program costs (seed metrics_program_costs) on their channel
    and campaign ('(none)' = the channel as a whole). ROAS = attributed revenue / ad spend;
    ROMI = (attributed revenue - marketing cost) / marketing cost; incremental ROMI vs the
    previous period of the same channel, campaign and model (NULL with a note when there is
    no previous period or no budget change). Every series has every period from its first
    one to the snapshot date. -#}
with

snapshot as (

    select * from {{ ref('dim_snapshot_date') }}

),

periods as (

    select * from {{ ref('int_metrics__periods') }}

),

channel_attribution as (

    select * from {{ ref('mart_channel_attribution') }}
    where conversion_stage = 'closed_won'

),

program_costs as (

    select * from {{ ref('metrics_program_costs') }}

),

models as (

    select distinct attribution_model from channel_attribution

),

monthly as (

    select
        period_month as month_start,
        channel,
        coalesce(campaign_key, '(none)') as campaign_key,
        attribution_model,
        sum(credited_amount_usd) as attributed_revenue_usd,
        sum(spend_usd) as ad_spend_usd,
        0 as program_cost_usd
    from channel_attribution
    group by all
    union all
    select
        program_costs.month_start,
        program_costs.channel,
        coalesce(program_costs.campaign_key, '(none)') as campaign_key,
        models.attribution_model,
        0 as attributed_revenue_usd,
        0 as ad_spend_usd,
        program_costs.cost_usd as program_cost_usd
    from program_costs
    cross join models

),

series as (

    select
        channel,
        campaign_key,
        attribution_model,
        min(month_start) as first_month
    from monthly
    group by all

),

spine as (

    select
        series.*,
        periods.period_grain,
        periods.period_start,
        periods.period_end
    from series
    cross join snapshot
    inner join periods
        on
            series.first_month <= periods.period_end
            and snapshot.snapshot_date >= periods.period_start

),

per_period as (

    select
        spine.period_grain,
        spine.period_start,
        spine.channel,
        spine.campaign_key,
        spine.attribution_model,
        coalesce(sum(monthly.attributed_revenue_usd), 0) as attributed_revenue_usd,
        coalesce(sum(monthly.ad_spend_usd), 0) as ad_spend_usd,
        coalesce(sum(monthly.program_cost_usd), 0) as program_cost_usd
    from spine
    left join monthly
        on
            spine.channel = monthly.channel
            and spine.campaign_key = monthly.campaign_key
            and spine.attribution_model = monthly.attribution_model
            and monthly.month_start between spine.period_start and spine.period_end
    group by all

),

with_previous as (

    select
        *,
        ad_spend_usd + program_cost_usd as marketing_cost_usd,
        lag(ad_spend_usd + program_cost_usd) over previous_period as previous_marketing_cost_usd,
        lag(attributed_revenue_usd) over previous_period as previous_attributed_revenue_usd
    from per_period
    window previous_period as (
        partition by period_grain, channel, campaign_key, attribution_model order by period_start
    )

),

final as (

    select
        period_grain,
        period_start,
        channel,
        campaign_key,
        attribution_model,
        attributed_revenue_usd,
        ad_spend_usd,
        program_cost_usd,
        marketing_cost_usd,
        {{ metrics_ratio('attributed_revenue_usd', 'ad_spend_usd') }} as roas,
        {{ metrics_ratio('attributed_revenue_usd - marketing_cost_usd', 'marketing_cost_usd') }} as romi,
        previous_attributed_revenue_usd,
        previous_marketing_cost_usd,
        {{ metrics_incremental_romi('attributed_revenue_usd', 'previous_attributed_revenue_usd',
                                    'marketing_cost_usd', 'previous_marketing_cost_usd') }}
            as incremental_romi,
        {{ metrics_incremental_romi_note('marketing_cost_usd', 'previous_marketing_cost_usd',
                                         'previous_attributed_revenue_usd') }} as incremental_romi_note
    from with_previous

)

select * from final
