{#- An email as identity resolution compares it: trimmed, lower case. The original
    stays beside it in `email`. -#}
{% macro normalize_email(expression) -%}
    nullif(lower(trim({{ expression }})), '')
{%- endmacro %}
