{#- The calendar's months and quarters with their first and last day, from dim_date (no
    interval arithmetic: see STACK.md, the DuckDB interval CSE bug). -#}
with

calendar as (

    select * from {{ ref('dim_date') }}

),

periods as (

    select
        'month' as period_grain,
        month_start as period_start,
        max(date_day) as period_end
    from calendar
    group by month_start
    union all
    select
        'quarter' as period_grain,
        quarter_start as period_start,
        max(date_day) as period_end
    from calendar
    group by quarter_start

),

final as (

    select
        period_grain,
        period_start,
        period_end,
        cast(period_start as timestamp) as period_start_at,
        -- Exclusive end: midnight after the last day.
        cast(period_end as timestamp) + interval 1 day as period_end_at
    from periods

)

select * from final
