with

days as (

    select cast(day as date) as date_day
    from generate_series(
        cast('{{ var("calendar_start") }}' as timestamp),
        cast('{{ var("calendar_end") }}' as timestamp),
        interval 1 day
    ) as spine (day)

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
