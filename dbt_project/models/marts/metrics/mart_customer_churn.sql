{#- Customer churn (DESIGN.md §5), period-based, per month and quarter, overall and per
    segment: customers (accounts) at the period start, new (first won deal in the period),
    lost (churned in the period), customers at the end, and
    churn rate % = lost / customers at the start × 100 (NULL when there were none).
    Every period from the first customer to the snapshot date has a row, empty or not. -#}
{%- set dimension_columns = {
    'company_size_band': 'company_size_band',
    'industry': 'industry',
} -%}
with

accounts as (

    select * from {{ ref('int_metrics__account_dimensions') }}
    where customer_at is not null

),

periods as (

    select * from {{ ref('int_metrics__periods') }}

),

snapshot as (

    select * from {{ ref('dim_snapshot_date') }}

),

slices as (

    {{ metrics_dimension_rows('accounts', 'account_key', dimension_columns) }}

),

-- Every slice value gets every period, so that empty periods show as zeros.
slice_periods as (

    select distinct
        periods.period_grain,
        periods.period_start,
        periods.period_start_at,
        periods.period_end_at,
        slices.dimension,
        slices.dimension_value
    from periods
    cross join slices
    cross join snapshot
    where
        periods.period_start <= snapshot.snapshot_date
        and periods.period_end_at > (select min(accounts.customer_at) from accounts)

),

sliced_accounts as (

    select
        slices.dimension,
        slices.dimension_value,
        accounts.*
    from accounts
    inner join slices
        on accounts.account_key = slices.entity_key

),

counted as (

    select
        slice_periods.period_grain,
        slice_periods.period_start,
        slice_periods.dimension,
        slice_periods.dimension_value,
        count(sliced_accounts.account_key) filter (
            where sliced_accounts.customer_at < slice_periods.period_start_at
            and (sliced_accounts.churned_at is null or sliced_accounts.churned_at >= slice_periods.period_start_at)
        ) as customers_at_start,
        count(sliced_accounts.account_key) filter (
            where sliced_accounts.customer_at >= slice_periods.period_start_at
            and sliced_accounts.customer_at < slice_periods.period_end_at
        ) as new_customers,
        count(sliced_accounts.account_key) filter (
            where sliced_accounts.churned_at >= slice_periods.period_start_at
            and sliced_accounts.churned_at < slice_periods.period_end_at
        ) as lost_customers
    from slice_periods
    left join sliced_accounts
        on
            slice_periods.dimension = sliced_accounts.dimension
            and slice_periods.dimension_value = sliced_accounts.dimension_value
    group by all

),

final as (

    select
        *,
        customers_at_start + new_customers - lost_customers as customers_at_end,
        100 * {{ metrics_ratio('lost_customers', 'customers_at_start') }} as churn_rate_pct
    from counted

)

select * from final
