{#- sqlfluff renders the untaken branches of these macros as whitespace-only variants and
    misreads their indentation: LT02 is off for this file. -#}
-- noqa: disable=LT02
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

{#- Channels that can earn credit: var `attribution_channels`, a list of channel names; unset
    (the default) every channel counts. A touch without a channel is channel '(none)'. -#}
{% macro attribution_channels() -%}
    {{ return(var('attribution_channels', none)) }}
{%- endmacro %}

{#- The touch types of sales activities logged by reps (CRM calls and meetings,
    int_touchpoints__unioned): the marketing-only view leaves them out. -#}
{% macro attribution_sales_touch_types() -%}
    {{ return(var('attribution_sales_touch_types', ['sales_call', 'sales_meeting'])) }}
{%- endmacro %}

{#- The attribution scopes, each published as its own set of tables: `default` (the touch
    types of attribution_touch_types and the channels of attribution_channels) and
    `marketing` (the same without the sales touch types). A scope is the set of touches that
    can earn credit; everything else (conversions, lookback, models) is the same. -#}
{% macro attribution_scopes() -%}
    {{ return(['default', 'marketing']) }}
{%- endmacro %}

{#- The SQL condition "this touch can earn credit in the scope", over a relation with
    touch_type and channel columns (channel already '(none)' when missing). -#}
{% macro attribution_scope_condition(scope, relation) -%}
    {%- set channels = attribution_channels() -%}
    {{ relation }}.touch_type in {{ attribution_sql_list(attribution_touch_types()) }}
    {%- if channels is not none %}
        and {{ relation }}.channel in {{ attribution_sql_list(channels) }}
    {%- endif %}
    {%- if scope == 'marketing' %}
        and {{ relation }}.touch_type not in {{ attribution_sql_list(attribution_sales_touch_types()) }}
    {%- elif scope != 'default' %}
        {{ exceptions.raise_compiler_error('unknown attribution scope ' ~ scope) }}
    {%- endif %}
{%- endmacro %}

{#- A list of names as a SQL tuple of string literals; ('') for an empty list. -#}
{% macro attribution_sql_list(names) -%}
    ({%- for name in names -%}
        '{{ name }}'{% if not loop.last %}, {% endif %}
    {%- else -%}
        ''
    {%- endfor -%})
{%- endmacro %}

{#- The published table of a scope: `name` for the default scope, `name_<scope>` otherwise. -#}
{% macro attribution_scoped_name(name, scope) -%}
    {{ return(name if scope == 'default' else name ~ '_' ~ scope) }}
{%- endmacro %}
