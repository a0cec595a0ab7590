{#- Attribution weights of each group (a conversion under one model) sum to 1 within
    `tolerance`, and none is negative. Fails with one row per offending group. -#}
{% test weights_sum_to_one(model, column_name, group_by, tolerance=1e-9) %}
{%- set keys = group_by | join(', ') %}
select
    {{ keys }},
    sum({{ column_name }}) as weight_total,
    min({{ column_name }}) as smallest_weight,
    count(*) as n_rows
from {{ model }}
group by {{ keys }}
having abs(sum({{ column_name }}) - 1) > {{ tolerance }}
    or min({{ column_name }}) < 0
    or count({{ column_name }}) < count(*)
{% endtest %}
