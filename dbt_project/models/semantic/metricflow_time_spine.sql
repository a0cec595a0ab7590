{{ config(schema="metrics") }}
{#- MetricFlow's daily time spine: the calendar of dim_date. -#}
select date_day from {{ ref('dim_date') }}
