{#- Converting to USD (the reporting currency) with int_fx_rates (docs/resilience.md §1).
    int_fx_rates has a rate for every currency of the rates file on every day of the file's
    span (carried forward over gaps). A reader joins it on the day clamped into that span
    (`fx_rate_day`, with `span` a one-row CTE of its first_day and last_day), so a day after
    the newest rate takes the newest rate and a day before the first takes the first. The
    reporting currency is 1 on every day, rate file or not. -#}
{% macro fx_rate_day(day_expression, span) -%}
    least(greatest({{ day_expression }}, {{ span }}.first_day), {{ span }}.last_day)
{%- endmacro %}

{#- USD per unit of the currency; NULL when the currency never has a rate. -#}
{% macro fx_rate_to_usd(currency_expression, fx) -%}
    case when {{ currency_expression }} = '{{ var("reporting_currency") }}' then 1 else {{ fx }}.rate_to_usd end
{%- endmacro %}

{#- The date of the rate used: the day itself for the reporting currency. -#}
{% macro fx_rate_date(currency_expression, day_expression, fx) -%}
    case
        when {{ currency_expression }} = '{{ var("reporting_currency") }}' then {{ day_expression }}
        else {{ fx }}.fx_rate_date
    end
{%- endmacro %}

{#- True when the rate is not the day's own: carried forward or back, or missing. -#}
{% macro fx_rate_is_estimated(currency_expression, day_expression, fx) -%}
    case
        when {{ currency_expression }} = '{{ var("reporting_currency") }}' then false
        else coalesce({{ fx }}.fx_rate_date != {{ day_expression }}, true)
    end
{%- endmacro %}
