{#- Cast that yields NULL on bad input instead of failing the model.
    dbt.safe_cast raises on dbt-duckdb (no override there), so staging uses this. -#}
{% macro try_cast(expression, data_type) -%}
    try_cast({{ expression }} as {{ data_type }})
{%- endmacro %}
