{{ config(schema="metrics") }}
{#- MetricFlow's daily time spine: the calendar of dim_date. -#}
with

calendar as (

    select * from {{ ref('dim_date') }}

),

final as (

    select date_day
    from calendar

)

select * from final
