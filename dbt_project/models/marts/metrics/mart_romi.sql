{#- ROMI per month and attribution model (docs/metrics/marketing.md): attributed revenue =
    closed-won credits of mart_channel_attribution in the close month; marketing cost = ad
    spend (fct_ad_spend_daily) + program costs (input fct_program_costs) of the month,
    the same for every model; ROAS = attributed revenue / ad spend; ROMI = (attributed
    revenue - marketing cost) / marketing cost; incremental ROMI = Δ attributed revenue /
    Δ marketing cost vs the previous month, only where the budget change reaches the
    threshold (macros/metrics/romi.sql), else NULL with incremental_romi_null_reason.
    Every month from the first with cost or revenue to the snapshot month. -#}
with

snapshot as (

    select * from {{ ref('dim_snapshot_date') }}

),

calendar as (

    select distinct month_start from {{ ref('dim_date') }}

),

credits as (

    select * from {{ ref('mart_channel_attribution') }}
    where conversion_stage = 'closed_won'

),

ad_spend as (

    select * from {{ ref('fct_ad_spend_daily') }}

),

program_costs as (

    select * from {{ ref('fct_program_costs') }}

),

models as (

    select distinct attribution_model from credits

),

revenue as (

    select
        month_start,
        attribution_model,
        sum(credited_amount_usd) as attributed_revenue_usd
    from credits
    group by all

),

costs as (

    select
        cast(date_trunc('month', date_day) as date) as month_start,
        sum(spend_usd) as ad_spend_usd,
        0 as program_cost_usd
    from ad_spend
    group by all
    union all
    select
        month_start,
        0 as ad_spend_usd,
        sum(cost_usd) as program_cost_usd
    from program_costs
    group by all

),

monthly_costs as (

    select
        month_start,
        sum(ad_spend_usd) as ad_spend_usd,
        sum(program_cost_usd) as program_cost_usd
    from costs
    group by month_start

),

spine as (

    select
        calendar.month_start,
        models.attribution_model
    from calendar
    cross join models
    cross join snapshot
    where
        calendar.month_start <= snapshot.snapshot_date
        and calendar.month_start >= (
            select min(first_months.month_start)
            from (
                select month_start from revenue
                union all
                select month_start from monthly_costs
            ) as first_months
        )

),

per_month as (

    select
        spine.month_start,
        spine.attribution_model,
        cast(coalesce(revenue.attributed_revenue_usd, 0) as decimal(18, 2)) as attributed_revenue_usd,
        cast(coalesce(monthly_costs.ad_spend_usd, 0) as decimal(18, 2)) as ad_spend_usd,
        cast(coalesce(monthly_costs.program_cost_usd, 0) as decimal(18, 2)) as program_cost_usd
    from spine
    left join revenue
        on
            spine.month_start = revenue.month_start
            and spine.attribution_model = revenue.attribution_model
    left join monthly_costs
        on spine.month_start = monthly_costs.month_start

),

with_previous as (

    select
        *,
        cast(ad_spend_usd + program_cost_usd as decimal(18, 2)) as marketing_cost_usd,
        cast(lag(ad_spend_usd + program_cost_usd) over previous_month as decimal(18, 2))
            as previous_marketing_cost_usd,
        lag(attributed_revenue_usd) over previous_month as previous_attributed_revenue_usd
    from per_month
    window previous_month as (partition by attribution_model order by month_start)

),

final as (

    select
        month_start,
        attribution_model,
        attributed_revenue_usd,
        ad_spend_usd,
        program_cost_usd,
        marketing_cost_usd,
        {{ metrics_ratio('attributed_revenue_usd', 'ad_spend_usd') }} as roas,
        {{ romi('attributed_revenue_usd', 'marketing_cost_usd') }} as romi,
        previous_attributed_revenue_usd,
        previous_marketing_cost_usd,
        cast(marketing_cost_usd - previous_marketing_cost_usd as decimal(18, 2)) as budget_change_usd,
        {{ incremental_romi('attributed_revenue_usd', 'previous_attributed_revenue_usd',
                            'marketing_cost_usd', 'previous_marketing_cost_usd') }}
            as incremental_romi,
        {{ incremental_romi_null_reason('marketing_cost_usd', 'previous_marketing_cost_usd') }}
            as incremental_romi_null_reason
    from with_previous

)

select * from final
