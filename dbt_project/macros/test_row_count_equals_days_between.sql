{#- A spine has exactly one row per day in its range: no gaps, no fan-out. The range is
    var `start_var` .. var `end_var` when given, else the model's own first .. last day
    of `column_name`. -#}
{% test row_count_equals_days_between(model, start_var=none, end_var=none, column_name='date_day') %}
with counted as (
    select
        count(*) as actual_rows,
        {% if start_var and end_var -%}
            date_diff('day', cast('{{ var(start_var) }}' as date), cast('{{ var(end_var) }}' as date))
        {%- else -%}
            date_diff('day', min({{ column_name }}), max({{ column_name }}))
        {%- endif %} + 1 as expected_rows
    from {{ model }}
)
select actual_rows, expected_rows
from counted
where actual_rows != expected_rows
{% endtest %}
