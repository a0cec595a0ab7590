{#- Attribution settings. Every one is a dbt var with its default here, so that a run can
    override it (`--vars '{attribution_lookback_days: 90}'`) and docs/attribution.md names one
    place to look. The models and their shares are the seed attribution_models
    (attribution_seeds.sql reads it). -#}

{% macro attribution_lookback_days() -%}
    {{ return(var('attribution_lookback_days', 365) | int) }}
{%- endmacro %}

{#- Touch types that can earn credit. Email opens are left out by default: opens are
    machine-inflated (privacy proxies prefetch every image) and say little about intent. -#}
{% macro attribution_touch_types() -%}
    {{ return(var('attribution_touch_types', [
        'ad_click', 'web_session', 'form_submission', 'email_click',
        'event_attendance', 'sales_meeting', 'sales_call', 'campaign_response'
    ])) }}
{%- endmacro %}

{#- Checked when the model compiles for a run (`execute`), not while dbt parses or sqlfluff
    renders the model with placeholder vars. -#}
{% macro attribution_half_life_days() -%}
    {%- set half_life = var('attribution_half_life_days', 7) | float -%}
    {%- if execute and half_life <= 0 -%}
        {{ exceptions.raise_compiler_error('attribution_half_life_days must be > 0, got ' ~ half_life) }}
    {%- endif -%}
    {#- time_decay weights are 2^(-age/half_life) in doubles; beyond ~1000 half-lives inside the
        lookback they would underflow to 0 and a conversion's weights could not be normalised. -#}
    {%- if execute and attribution_lookback_days() / half_life > 1000 -%}
        {{ exceptions.raise_compiler_error('attribution_lookback_days / attribution_half_life_days must be <= 1000') }}
    {%- endif -%}
    {{ return(half_life) }}
{%- endmacro %}

{#- The "now" that non-converting paths of the data_driven model run up to: var
    `attribution_as_of` (a timestamp literal) or, by default, the latest touch in the
    warehouse, so that a rebuild of the same data gives the same chain. -#}
{% macro attribution_as_of_sql(touches_relation) -%}
    {%- set as_of = var('attribution_as_of', none) -%}
    {%- if as_of is none -%}
        (select max(touched_at) from {{ touches_relation }})
    {%- else -%}
        cast('{{ as_of }}' as timestamp)
    {%- endif -%}
{%- endmacro %}

{% macro attribution_touch_types_sql() -%}
    ({%- for touch_type in attribution_touch_types() -%}
        '{{ touch_type }}'{% if not loop.last %}, {% endif %}
    {%- endfor -%})
{%- endmacro %}
