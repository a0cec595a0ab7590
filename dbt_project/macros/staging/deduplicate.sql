{#- Keep one row per key: the first by `order_by`. Rendered as a QUALIFY clause, so it
    goes right after the FROM of a select. Raw is already unique on these keys; this
    makes staging correct on its own (and is a no-op on a clean raw layer). -#}
{% macro deduplicate(partition_by, order_by) -%}
    qualify row_number() over (partition by {{ partition_by }} order by {{ order_by }}) = 1
{%- endmacro %}
