{#- Marketing and sales efficiency per month and quarter (period-based), from the first
    period with spend, cost or revenue to the snapshot date, empty periods included:
    marketing cost = ad spend (USD, fct_ad_spend_daily) + other program costs (seed
    metrics_program_costs); sales cost = seed metrics_sales_costs (what finance says the
    sales organisation cost); CAC = (marketing + sales cost) / new customers (accounts whose
    first deal was won in the period); won revenue; ROMI = (won revenue - marketing cost) /
    marketing cost; incremental ROMI = Δ won revenue / Δ marketing cost vs the previous
    period, NULL with a note when there is no previous period or no budget change. -#}
with

snapshot as (

    select * from {{ ref('dim_snapshot_date') }}

),

periods as (

    select * from {{ ref('int_metrics__periods') }}

),

ad_spend as (

    select
        date_day,
        spend_usd
    from {{ ref('fct_ad_spend_daily') }}

),

program_costs as (

    select
        month_start,
        cost_usd
    from {{ ref('metrics_program_costs') }}

),

sales_costs as (

    select
        month_start,
        cost_usd
    from {{ ref('metrics_sales_costs') }}

),

accounts as (

    select customer_at from {{ ref('int_metrics__account_dimensions') }}
    where customer_at is not null

),

closed_deals as (

    select
        closed_at,
        amount_usd
    from {{ ref('int_metrics__closed_deals') }}
    where is_won

),

-- Every dated fact as (day, measure, value), so that one join to the periods counts them all.
facts as (

    select
        date_day as fact_date,
        'ad_spend' as measure,
        spend_usd as value
    from ad_spend
    union all
    select
        month_start as fact_date,
        'program_cost' as measure,
        cost_usd as value
    from program_costs
    union all
    select
        month_start as fact_date,
        'sales_cost' as measure,
        cost_usd as value
    from sales_costs
    union all
    select
        cast(customer_at as date) as fact_date,
        'new_customer' as measure,
        1 as value
    from accounts
    union all
    select
        cast(closed_at as date) as fact_date,
        'won_revenue' as measure,
        amount_usd as value
    from closed_deals

),

bounded_periods as (

    select periods.*
    from periods
    cross join snapshot
    where
        periods.period_start <= snapshot.snapshot_date
        and periods.period_end >= (select min(facts.fact_date) from facts)

),

per_period as (

    select
        bounded_periods.period_grain,
        bounded_periods.period_start,
        coalesce(sum(facts.value) filter (where facts.measure = 'ad_spend'), 0) as ad_spend_usd,
        coalesce(sum(facts.value) filter (where facts.measure = 'program_cost'), 0) as program_cost_usd,
        coalesce(sum(facts.value) filter (where facts.measure = 'sales_cost'), 0) as sales_cost_usd,
        cast(coalesce(sum(facts.value) filter (where facts.measure = 'new_customer'), 0) as bigint)
            as new_customers,
        coalesce(sum(facts.value) filter (where facts.measure = 'won_revenue'), 0) as won_revenue_usd
    from bounded_periods
    left join facts
        on facts.fact_date between bounded_periods.period_start and bounded_periods.period_end
    group by all

),

with_previous as (

    select
        *,
        ad_spend_usd + program_cost_usd as marketing_cost_usd,
        lag(ad_spend_usd + program_cost_usd) over previous_period as previous_marketing_cost_usd,
        lag(won_revenue_usd) over previous_period as previous_won_revenue_usd
    from per_period
    window previous_period as (partition by period_grain order by period_start)

),

final as (

    select
        period_grain,
        period_start,
        ad_spend_usd,
        program_cost_usd,
        marketing_cost_usd,
        sales_cost_usd,
        new_customers,
        {{ metrics_ratio('marketing_cost_usd + sales_cost_usd', 'new_customers') }} as cac_usd,
        won_revenue_usd,
        {{ metrics_ratio('won_revenue_usd - marketing_cost_usd', 'marketing_cost_usd') }} as romi,
        previous_won_revenue_usd,
        previous_marketing_cost_usd,
        {{ metrics_incremental_romi('won_revenue_usd', 'previous_won_revenue_usd',
                                    'marketing_cost_usd', 'previous_marketing_cost_usd') }}
            as incremental_romi,
        {{ metrics_incremental_romi_note('marketing_cost_usd', 'previous_marketing_cost_usd',
                                         'previous_won_revenue_usd') }} as incremental_romi_note
    from with_previous

)

select * from final
