{#- Building blocks of the sales, pipeline and churn marts (docs/metrics/sales.md). -#}

{#- The slices every closed-deal mart has as columns (bi-contract §1: a row is the finest
    slice, so every count and USD sum adds up over any subset of them). -#}
{% macro sales_slice_columns() -%}
    {{ return(['owner_key', 'owner_team', 'company_size_band', 'industry', 'source_channel']) }}
{%- endmacro %}

{#- The snapshot date (var `snapshot_date`, else the latest date the CRM data knows: the
    newest deal property change, creation or close) from the intermediate deals and their
    property history. The same rule as dim_snapshot_date, which reads the core facts; this
    form lets fct_opportunities value open deals at the snapshot day without a cycle. -#}
{% macro sales_snapshot_date(deals, history) -%}
    {%- set pinned = var('snapshot_date', none) -%}
    {%- if pinned -%}
        select cast('{{ pinned }}' as date) as snapshot_date
    {%- else -%}
        select cast(max(latest_at) as date) as snapshot_date
        from (
            select max(valid_from) as latest_at from {{ history }}
            union all
            select max(greatest(created_at, coalesce(closed_at, created_at))) from {{ deals }}
        ) as data_dates
    {%- endif -%}
{%- endmacro %}

{#- A deal amount in USD, the one rule (docs/bi-contract.md §6): amount × the rate of the
    day (`fx` = int_fx_rates joined on the day clamped into the rates' span, macro
    fx_rate_day), rounded to the cent (half up). NULL when the currency never has a rate. -#}
{% macro sales_amount_usd(amount, currency, fx) -%}
    cast(round({{ amount }} * {{ fx_rate_to_usd(currency, fx) }}, 2) as decimal(18, 2))
{%- endmacro %}

{#- Counts are BIGINT in the serving file (DuckDB's count is BIGINT, its sum of integers
    HUGEINT). -#}
{% macro sales_count(expression) -%}
    cast({{ expression }} as bigint)
{%- endmacro %}

{#- USD sums as DECIMAL(18,2) (a sum of DECIMAL(18,2) is DECIMAL(38,2)); 0 when empty. -#}
{% macro sales_usd_sum(expression, where=none) -%}
    cast(coalesce(sum({{ expression }}){% if where %} filter (where {{ where }}){% endif %}, 0) as decimal(18, 2))
{%- endmacro %}

{#- Counts of rows (optionally filtered) as BIGINT. -#}
{% macro sales_count_if(where=none) -%}
    cast(count(*){% if where %} filter (where {{ where }}){% endif %} as bigint)
{%- endmacro %}

{#- Customer churn for one period grain ('month' | 'quarter'), one row per period × company
    size band × industry (every period from the first customer to the snapshot date, for
    every size band × industry pair that has customers; empty periods are zeros). Inputs are
    the calling model's CTEs: accounts (int_metrics__account_dimensions with customer_at),
    periods (int_metrics__periods) and snapshot (dim_snapshot_date).
    lost_customers counts only customers at the period start; an account won and lost
    inside the period is in won_and_lost_in_period, outside the churn rate
    (docs/metrics/sales.md). -#}
{% macro sales_customer_churn(grain, accounts, periods, snapshot) -%}
    with

    customers as (

        select
            account_key,
            customer_at,
            churned_at,
            {{ sales_slice_value(accounts ~ '.company_size_band') }} as company_size_band,
            {{ sales_slice_value(accounts ~ '.industry') }} as industry
        from {{ accounts }}

    ),

    slices as (

        select distinct
            company_size_band,
            industry
        from customers

    ),

    grain_periods as (

        select {{ periods }}.*
        from {{ periods }}
        cross join {{ snapshot }}
        where
            {{ periods }}.period_grain = '{{ grain }}'
            and {{ periods }}.period_start <= {{ snapshot }}.snapshot_date
            and {{ periods }}.period_end_at > (select min(customer_at) from customers)

    ),

    counted as (

        select
            grain_periods.period_start,
            grain_periods.period_end,
            slices.company_size_band,
            slices.industry,
            count(customers.account_key) filter (
                where customers.customer_at < grain_periods.period_start_at
                and (customers.churned_at is null or customers.churned_at >= grain_periods.period_start_at)
            ) as customers_at_start,
            count(customers.account_key) filter (
                where customers.customer_at >= grain_periods.period_start_at
                and customers.customer_at < grain_periods.period_end_at
            ) as new_customers,
            count(customers.account_key) filter (
                where customers.customer_at < grain_periods.period_start_at
                and customers.churned_at >= grain_periods.period_start_at
                and customers.churned_at < grain_periods.period_end_at
            ) as lost_customers,
            count(customers.account_key) filter (
                where customers.customer_at >= grain_periods.period_start_at
                and customers.customer_at < grain_periods.period_end_at
                and customers.churned_at >= grain_periods.period_start_at
                and customers.churned_at < grain_periods.period_end_at
            ) as won_and_lost_in_period
        from grain_periods
        cross join slices
        left join customers
            on
                slices.company_size_band = customers.company_size_band
                and slices.industry = customers.industry
        group by all

    )

    select
        period_start as {{ grain }}_start,
        period_end as {{ grain }}_end,
        company_size_band,
        industry,
        cast(customers_at_start as bigint) as customers_at_start,
        cast(new_customers as bigint) as new_customers,
        cast(lost_customers as bigint) as lost_customers,
        cast(won_and_lost_in_period as bigint) as won_and_lost_in_period,
        cast(customers_at_start + new_customers - lost_customers - won_and_lost_in_period as bigint)
            as customers_at_end,
        {{ metrics_ratio('lost_customers', 'customers_at_start') }} as churn_rate
    from counted
{%- endmacro %}

{#- A slicing value of the sales marts: the value, else '(unknown)' (docs/bi-contract.md
    §1: never NULL; the account dimensions' 'unknown' becomes '(unknown)' too). -#}
{% macro sales_slice_value(expression) -%}
    coalesce(nullif(cast({{ expression }} as varchar), 'unknown'), '(unknown)')
{%- endmacro %}
