{#- Marketing and sales cost and CAC per month (period-based), from the first month with
    spend, cost or a new customer to the snapshot month, empty months included: marketing
    cost = ad spend (USD, fct_ad_spend_daily) + other program costs (input
    metrics_program_costs); sales cost = input fct_sales_costs; CAC = (marketing + sales
    cost) / new customers (accounts whose first deal was won in the month); won revenue.
    ROMI is not here: it is per attribution model, in mart_romi (one meaning). -#}
with

snapshot as (

    select * from {{ ref('dim_snapshot_date') }}

),

calendar as (

    select distinct month_start from {{ ref('dim_date') }}

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
    from {{ ref('fct_program_costs') }}

),

sales_costs as (

    select
        month_start,
        cost_usd
    from {{ ref('fct_sales_costs') }}

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

-- Every dated fact as (month, measure, value), so that one join to the months counts them all.
facts as (

    select
        cast(date_trunc('month', date_day) as date) as month_start,
        'ad_spend' as measure,
        spend_usd as value
    from ad_spend
    union all
    select
        cast(date_trunc('month', month_start) as date) as month_start,
        'program_cost' as measure,
        cost_usd as value
    from program_costs
    union all
    select
        cast(date_trunc('month', month_start) as date) as month_start,
        'sales_cost' as measure,
        cost_usd as value
    from sales_costs
    union all
    select
        cast(date_trunc('month', customer_at) as date) as month_start,
        'new_customer' as measure,
        1 as value
    from accounts
    union all
    select
        cast(date_trunc('month', closed_at) as date) as month_start,
        'won_revenue' as measure,
        amount_usd as value
    from closed_deals

),

months as (

    select calendar.month_start
    from calendar
    cross join snapshot
    where
        calendar.month_start <= snapshot.snapshot_date
        and calendar.month_start >= (select min(facts.month_start) from facts)

),

per_month as (

    select
        months.month_start,
        cast(
            coalesce(sum(facts.value) filter (where facts.measure = 'ad_spend'), 0) as decimal(18, 2)
        ) as ad_spend_usd,
        cast(
            coalesce(sum(facts.value) filter (where facts.measure = 'program_cost'), 0) as decimal(18, 2)
        ) as program_cost_usd,
        cast(
            coalesce(sum(facts.value) filter (where facts.measure = 'sales_cost'), 0) as decimal(18, 2)
        ) as sales_cost_usd,
        cast(coalesce(sum(facts.value) filter (where facts.measure = 'new_customer'), 0) as bigint)
            as new_customers,
        cast(
            coalesce(sum(facts.value) filter (where facts.measure = 'won_revenue'), 0) as decimal(18, 2)
        ) as won_revenue_usd
    from months
    left join facts
        on months.month_start = facts.month_start
    group by months.month_start

),

final as (

    select
        month_start,
        ad_spend_usd,
        program_cost_usd,
        cast(ad_spend_usd + program_cost_usd as decimal(18, 2)) as marketing_cost_usd,
        sales_cost_usd,
        cast(ad_spend_usd + program_cost_usd + sales_cost_usd as decimal(18, 2))
            as sales_and_marketing_cost_usd,
        new_customers,
        {{ metrics_ratio('ad_spend_usd + program_cost_usd + sales_cost_usd', 'new_customers') }}
            as cac_usd,
        won_revenue_usd
    from per_month

)

select * from final
