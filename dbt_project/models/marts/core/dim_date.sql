{#- The calendar spans the data actually loaded (docs/real-inputs.md §5): from January 1 of
    the year of the earliest date that any core fact (the funnels, opportunities, touches,
    activities, emails, ad spend, quotas), the snapshot date or a metrics seed carries, to
    December 31 of the year after the latest one. The vars `calendar_start` /
    `calendar_end` (YYYY-MM-DD, unset by default) only widen it. With no data at all it
    spans the current year and the next. FX rates are reference data (the ECB's history
    starts in 1999) and do not stretch it. -#}
{#- Days before CLOSEDLOOP_TIMESTAMP_MIN (the raw layer's lower bound, docs/resilience.md §3)
    are invalid values that slipped through: the gate holds back the fact that carries them,
    and they never stretch the calendar. -#}
{%- set pinned_start = var('calendar_start', none) -%}
{%- set valid_from = env_var('CLOSEDLOOP_TIMESTAMP_MIN', '1990-01-01') -%}
{%- set pinned_end = var('calendar_end', none) -%}
with

opportunities as (

    select * from {{ ref('fct_opportunities') }}

),

contact_funnel as (

    select * from {{ ref('fct_contact_funnel') }}

),

account_funnel as (

    select * from {{ ref('fct_account_funnel') }}

),

touchpoints as (

    select * from {{ ref('fct_touchpoints') }}

),

email_events as (

    select * from {{ ref('fct_email_events') }}

),

sales_activities as (

    select * from {{ ref('fct_sales_activities') }}

),

ad_spend as (

    select * from {{ ref('fct_ad_spend_daily') }}

),

quotas as (

    select * from {{ ref('fct_quotas') }}

),

snapshot as (

    select * from {{ ref('dim_snapshot_date') }}

),

program_costs as (

    select * from {{ ref('fct_program_costs') }}

),

sales_costs as (

    select * from {{ ref('fct_sales_costs') }}

),

revenue_targets as (

    select * from {{ ref('fct_revenue_targets') }}

),

-- Every day any input knows about (duplicates do not matter: only min and max are used).
data_days as (

    select cast(created_at as date) as data_day from opportunities
    union all
    select cast(closed_at as date) as data_day from opportunities
    union all
    select cast(expected_close_date as date) as data_day from opportunities
    union all
    -- Every stage, disqualification and churn timestamp of the funnels (columns `*_at`).
    select cast(least(*columns('_at$')) as date) as data_day from contact_funnel
    union all
    select cast(greatest(*columns('_at$')) as date) as data_day from contact_funnel
    union all
    select cast(least(*columns('_at$')) as date) as data_day from account_funnel
    union all
    select cast(greatest(*columns('_at$')) as date) as data_day from account_funnel
    union all
    select cast(touched_at as date) as data_day from touchpoints
    union all
    select cast(event_at as date) as data_day from email_events
    union all
    select cast(occurred_at as date) as data_day from sales_activities
    union all
    select cast(date_day as date) as data_day from ad_spend
    union all
    select cast(period_start as date) as data_day from quotas
    union all
    select cast(period_end as date) as data_day from quotas
    union all
    select cast(snapshot_date as date) as data_day from snapshot
    union all
    select cast(month_start as date) as data_day from program_costs
    union all
    select cast(month_start as date) as data_day from sales_costs
    union all
    select cast(quarter_start as date) as data_day from revenue_targets

),

data_range as (

    select
        min(data_day) as first_day,
        max(data_day) as last_day
    from data_days
    where data_day >= cast('{{ valid_from }}' as date)

),

bounds as (

    select
        -- least / greatest skip NULLs: an unset var leaves the data's bound.
        least(
            make_date(year(coalesce(first_day, current_date)), 1, 1),
            {{ "cast('" ~ pinned_start ~ "' as date)" if pinned_start else 'null' }}
        ) as calendar_start,
        greatest(
            make_date(year(coalesce(last_day, current_date)) + 1, 12, 31),
            {{ "cast('" ~ pinned_end ~ "' as date)" if pinned_end else 'null' }}
        ) as calendar_end
    from data_range

),

days as (

    select
        cast(unnest(generate_series(
            cast(calendar_start as timestamp),
            cast(calendar_end as timestamp),
            interval 1 day
        )) as date) as date_day
    from bounds

),

final as (

    select
        date_day,
        cast(date_trunc('week', date_day) as date) as week_start,
        cast(date_trunc('month', date_day) as date) as month_start,
        cast(date_trunc('quarter', date_day) as date) as quarter_start,
        cast(date_trunc('year', date_day) as date) as year_start,
        extract(year from date_day) as year_number,
        extract(quarter from date_day) as quarter_number,
        extract(month from date_day) as month_number,
        extract(isodow from date_day) as iso_day_of_week,
        strftime(date_day, '%Y-Q') || cast(extract(quarter from date_day) as varchar) as quarter_label,
        extract(isodow from date_day) in (6, 7) as is_weekend
    from days

)

select * from final
