{#- An accounting identity per row: column_name = sum of `parts`, within `tolerance`
    (half a cent by default: "to the cent"). Fails with the rows that do not add up. -#}
{% test sums_to(model, column_name, parts, tolerance=0.005) %}
select *
from {{ model }}
where abs(coalesce({{ column_name }}, 0){% for part in parts %} - coalesce({{ part }}, 0){% endfor %}) > {{ tolerance }}
{% endtest %}
