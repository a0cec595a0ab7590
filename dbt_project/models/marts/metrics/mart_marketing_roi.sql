{#- ROAS and ROMI by channel, campaign and attribution model, per month (period-based:
    revenue in the close month, cost in the month spent). Attributed
    revenue = closed-won credits of mart_channel_attribution; ad spend from the same mart
    (one channel per campaign); program costs (input fct_program_costs) on their channel
    and campaign ('(none)' = the channel as a whole). ROAS = attributed revenue / ad spend;
    ROMI = (attributed revenue - marketing cost) / marketing cost (macros/metrics/romi.sql,
    the meaning of mart_romi); incremental ROMI vs the previous month of the same channel,
    campaign and model, only where the budget change reaches the threshold (else NULL with
    a reason). Every series has every month from its first one to the snapshot month. -#}
with

snapshot as (

    select * from {{ ref('dim_snapshot_date') }}

),

calendar as (

    select distinct month_start from {{ ref('dim_date') }}

),

channel_attribution as (

    select * from {{ ref('mart_channel_attribution') }}
    where conversion_stage = 'closed_won'

),

program_costs as (

    select * from {{ ref('fct_program_costs') }}

),

models as (

    select distinct attribution_model from channel_attribution

),

monthly as (

    select
        month_start,
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
        series.channel,
        series.campaign_key,
        series.attribution_model,
        calendar.month_start
    from series
    cross join snapshot
    inner join calendar
        on
            series.first_month <= calendar.month_start
            and snapshot.snapshot_date >= calendar.month_start

),

per_month as (

    select
        spine.month_start,
        spine.channel,
        spine.campaign_key,
        spine.attribution_model,
        cast(coalesce(sum(monthly.attributed_revenue_usd), 0) as decimal(18, 2)) as attributed_revenue_usd,
        cast(coalesce(sum(monthly.ad_spend_usd), 0) as decimal(18, 2)) as ad_spend_usd,
        cast(coalesce(sum(monthly.program_cost_usd), 0) as decimal(18, 2)) as program_cost_usd
    from spine
    left join monthly
        on
            spine.channel = monthly.channel
            and spine.campaign_key = monthly.campaign_key
            and spine.attribution_model = monthly.attribution_model
            and spine.month_start = monthly.month_start
    group by all

),

with_previous as (

    select
        *,
        cast(ad_spend_usd + program_cost_usd as decimal(18, 2)) as marketing_cost_usd,
        cast(lag(ad_spend_usd + program_cost_usd) over previous_month as decimal(18, 2))
            as previous_marketing_cost_usd,
        lag(attributed_revenue_usd) over previous_month as previous_attributed_revenue_usd
    from per_month
    window previous_month as (
        partition by channel, campaign_key, attribution_model order by month_start
    )

),

final as (

    select
        month_start,
        channel,
        campaign_key,
        attribution_model,
        attributed_revenue_usd,
        ad_spend_usd,
        program_cost_usd,
        marketing_cost_usd,
        {{ metrics_ratio('attributed_revenue_usd', 'ad_spend_usd') }} as roas,
        {{ romi('attributed_revenue_usd', 'marketing_cost_usd') }} as romi,
        previous_attributed_revenue_usd,
        previous_marketing_cost_usd,
        {{ incremental_romi('attributed_revenue_usd', 'previous_attributed_revenue_usd',
                            'marketing_cost_usd', 'previous_marketing_cost_usd') }}
            as incremental_romi,
        {{ incremental_romi_null_reason('marketing_cost_usd', 'previous_marketing_cost_usd') }}
            as incremental_romi_null_reason
    from with_previous

)

select * from final
