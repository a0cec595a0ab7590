{#- md5 of the given columns joined by '|', NULL-safe (NULL hashes as '_null_'). -#}
{% macro surrogate_key(columns) -%}
    md5(
    {%- for column in columns %}
        coalesce(cast({{ column }} as varchar), '_null_'){% if not loop.last %} || '|' ||{% endif %}
    {%- endfor %}
    )
{%- endmacro %}
