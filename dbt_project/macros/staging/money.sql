{#- Money is DECIMAL(18,6) in the account's own currency everywhere in staging. -#}
{% macro to_money(expression) -%}
    {{ try_cast(expression, 'decimal(18, 6)') }}
{%- endmacro %}

{#- Google Ads int64 micros (as text) -> money. Multiplying keeps the arithmetic
    decimal and exact; dividing would go through DOUBLE. -#}
{% macro micros_to_money(expression) -%}
    cast({{ try_cast(expression, 'decimal(38, 0)') }} * 0.000001 as decimal(18, 6))
{%- endmacro %}
