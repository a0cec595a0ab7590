{#- Attribution settings. Every one is a dbt var with its default here, so that a run can
    override it (`--vars '{attribution_lookback_days: 90}'`) and docs/attribution.md names one
    place to look. -#}

{% macro attribution_lookback_days() -%}
    {{ return(var('attribution_lookback_days', 365) | int) }}
{%- endmacro %}

{#- Touch types that can earn credit. Email opens are left out by default: opens are
    machine-inflated (privacy proxies prefetch every image) and say little about intent. -#}
{% macro attribution_touch_types() -%}
    {{ return(var('attribution_touch_types', [
        'ad_click', 'web_session', 'form_submission', 'email_click',
        'event_attendance', 'sales_meeting', 'sales_call'
    ])) }}
{%- endmacro %}

{% macro attribution_half_life_days() -%}
    {%- set half_life = var('attribution_half_life_days', 7) | float -%}
    {%- if half_life <= 0 -%}
        {{ exceptions.raise_compiler_error('attribution_half_life_days must be > 0, got ' ~ half_life) }}
    {%- endif -%}
    {#- time_decay weights are 2^(-age/half_life) in doubles; beyond ~1000 half-lives inside the
        lookback they would underflow to 0 and a conversion's weights could not be normalised. -#}
    {%- if attribution_lookback_days() / half_life > 1000 -%}
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

{#- The rule-based position models: share of each milestone and of the touches between.
    Milestones: first, lead_creation, opportunity_creation, closed_won, last.
    Shares of one model sum to 1. first_touch/last_touch/linear/time_decay are here too
    where they fit the same scheme (time_decay is computed separately). -#}
{% macro attribution_position_models() -%}
    {{ return({
        'first_touch':    {'milestones': {'first': 1.0}, 'between': 0.0},
        'last_touch':     {'milestones': {'last': 1.0}, 'between': 0.0},
        'linear':         {'milestones': {}, 'between': 1.0},
        'position_based': {'milestones': {'first': 0.4, 'last': 0.4}, 'between': 0.2},
        'u_shaped':       {'milestones': {'first': 0.4, 'lead_creation': 0.4}, 'between': 0.2},
        'w_shaped':       {'milestones': {'first': 0.3, 'lead_creation': 0.3,
                                          'opportunity_creation': 0.3}, 'between': 0.1},
        'full_path':      {'milestones': {'first': 0.225, 'lead_creation': 0.225,
                                          'opportunity_creation': 0.225, 'closed_won': 0.225},
                           'between': 0.1},
    }) }}
{%- endmacro %}

{#- Every model, in the order the marts list them. -#}
{% macro attribution_models() -%}
    {{ return(['first_touch', 'last_touch', 'linear', 'time_decay', 'position_based',
               'u_shaped', 'w_shaped', 'full_path', 'data_driven']) }}
{%- endmacro %}

{% macro attribution_touch_types_sql() -%}
    ({%- for touch_type in attribution_touch_types() -%}
        '{{ touch_type }}'{% if not loop.last %}, {% endif %}
    {%- endfor -%})
{%- endmacro %}
