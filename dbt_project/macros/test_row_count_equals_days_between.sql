{#- A spine has exactly one row per day in its range: no gaps, no fan-out. -#}
{% test row_count_equals_days_between(model, start_var, end_var) %}
with counted as (
    select count(*) as actual_rows from {{ model }}
)
select actual_rows
from counted
where actual_rows != date_diff(
    'day', cast('{{ var(start_var) }}' as date), cast('{{ var(end_var) }}' as date)
) + 1
{% endtest %}
