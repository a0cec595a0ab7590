{#- Shared building blocks of the metric marts (schema `metrics`). -#}

{#- The canonical funnel stages the conversion and velocity marts step through, in order
    (DESIGN.md §3). Each has `<stage>_at` and `<stage>_is_inferred` on fct_contact_funnel
    and fct_account_funnel. -#}
{% macro metrics_funnel_stages() -%}
    {{ return(['visitor', 'lead', 'mql', 'sal', 'sql', 'opportunity', 'customer', 'evangelist']) }}
{%- endmacro %}

{#- The reporting periods every period-based mart is computed for; join it with
    `cross join {{ metrics_period_grains() }}` and bucket with metrics_period_start(). -#}
{% macro metrics_period_grains() -%}
    (values ('month'), ('quarter')) as period_grains (period_grain)
{%- endmacro %}

{% macro metrics_period_start(timestamp_expression, grain_expression='period_grain') -%}
    cast(date_trunc({{ grain_expression }}, {{ timestamp_expression }}) as date)
{%- endmacro %}

{#- The date the marts are "as of". var `snapshot_date` (YYYY-MM-DD) pins it so that a
    report can be reproduced; by default it is the latest date the CRM data knows about
    (the newest deal property change or deal creation/close), never now(): re-running
    on an old warehouse gives the same answer. -#}
{% macro metrics_snapshot_date() -%}
    {%- set pinned = var('snapshot_date', none) -%}
    {%- if pinned -%}
        cast('{{ pinned }}' as date)
    {%- else -%}
        (
            select cast(max(latest_at) as date)
            from (
                select max(valid_from) as latest_at
                from {{ ref('stg_hubspot__deal_property_history') }}
                union all
                select max(greatest(created_at, coalesce(closed_at, created_at)))
                from {{ ref('fct_opportunities') }}
            ) as data_dates
        )
    {%- endif -%}
{%- endmacro %}

{#- numerator / denominator as a double; NULL (never an error) when the denominator is
    0 or NULL. -#}
{% macro metrics_ratio(numerator, denominator) -%}
    case
        when coalesce(({{ denominator }}), 0) = 0 then null
        else cast(({{ numerator }}) as double) / ({{ denominator }})
    end
{%- endmacro %}

{#- Fractional days between two timestamps (DuckDB date_diff counts boundaries, not
    elapsed time). -#}
{% macro metrics_days_between(start_expression, end_expression) -%}
    (epoch({{ end_expression }}) - epoch({{ start_expression }})) / 86400.0
{%- endmacro %}

{#- The value a dimension takes when the attribute is unknown, so that group keys are
    never NULL and unknowns stay visible. -#}
{% macro metrics_unknown(expression) -%}
    coalesce(cast({{ expression }} as varchar), 'unknown')
{%- endmacro %}

{#- One row per entity and consecutive stage pair k -> k+1 of a funnel table
    (fct_contact_funnel / fct_account_funnel): when it entered k and k+1 (first time,
    skipped stages filled) and whether each was inferred. -#}
{% macro metrics_stage_pairs(relation, key_column) -%}
    {%- set stages = metrics_funnel_stages() -%}
    {%- for i in range(stages | length - 1) %}
    select
        {{ key_column }} as entity_key,
        '{{ stages[i] }}' as from_stage,
        '{{ stages[i + 1] }}' as to_stage,
        {{ i }} as from_stage_order,
        {{ stages[i] }}_at as from_at,
        {{ stages[i + 1] }}_at as to_at,
        coalesce({{ stages[i] }}_is_inferred, false) as from_is_inferred,
        coalesce({{ stages[i + 1] }}_is_inferred, false) as to_is_inferred
    from {{ relation }}
    where {{ stages[i] }}_at is not null or {{ stages[i + 1] }}_at is not null
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}
{%- endmacro %}

{#- Long-format slicing rows (entity_key, dimension, dimension_value): every entity once
    under dimension 'overall' = 'all', and once per named attribute column. -#}
{% macro metrics_dimension_rows(relation, key_column, dimension_columns) -%}
    select {{ key_column }} as entity_key, 'overall' as dimension, 'all' as dimension_value
    from {{ relation }}
    {%- for dimension, column in dimension_columns.items() %}
    union all
    select {{ key_column }}, '{{ dimension }}', {{ metrics_unknown(column) }}
    from {{ relation }}
    {%- endfor %}
{%- endmacro %}

{#- Stage, amount and expected close date of deals at given moments. `points` is a CTE
    with (point_id, opportunity_key, as_of_at); the result has one row per point. A value
    is the newest change at or before as_of_at; before the first recorded change, the
    first value (the one the deal was created with). -#}
{% macro metrics_deal_state_as_of(points, history) -%}
    select
        {{ points }}.point_id,
        {%- for property, column in [('dealstage', 'deal_stage_id'), ('amount', 'amount'),
                                      ('closedate', 'expected_close_date')] %}
        coalesce(
            arg_max({{ history }}.{{ column }}, {{ history }}.change_number) filter (
                where {{ history }}.property_name = '{{ property }}'
                and {{ history }}.valid_from <= {{ points }}.as_of_at
            ),
            arg_min({{ history }}.{{ column }}, {{ history }}.change_number) filter (
                where {{ history }}.property_name = '{{ property }}'
            )
        ) as {{ column }}_as_of{% if not loop.last %},{% endif %}
        {%- endfor %}
    from {{ points }}
    left join {{ history }}
        on {{ points }}.opportunity_key = {{ history }}.opportunity_key
    group by {{ points }}.point_id
{%- endmacro %}

{#- USD per unit of each currency on each day, carried forward over days without a rate;
    USD itself is 1 even when the rates table leaves it out. -#}
{% macro metrics_usd_rate(fx_rates, currency_expression, date_expression) -%}
    case
        when {{ currency_expression }} = '{{ var("reporting_currency", "USD") }}' then 1
        else (
            select arg_max(rate_to_usd, date_day)
            from {{ fx_rates }}
            where {{ fx_rates }}.currency_code = {{ currency_expression }}
                and {{ fx_rates }}.date_day <= {{ date_expression }}
        )
    end
{%- endmacro %}

{#- Incremental ROMI = (revenue - previous revenue) / (budget - previous budget), and why it
    is NULL when it is: no previous period, or no budget change (a division by zero is a
    question without an answer, not an error). -#}
{% macro metrics_incremental_romi(revenue, previous_revenue, budget, previous_budget) -%}
    case
        when {{ previous_budget }} is null or {{ previous_revenue }} is null then null
        when {{ budget }} = {{ previous_budget }} then null
        else cast(({{ revenue }}) - ({{ previous_revenue }}) as double)
            / (({{ budget }}) - ({{ previous_budget }}))
    end
{%- endmacro %}

{% macro metrics_incremental_romi_note(budget, previous_budget, previous_revenue) -%}
    case
        when {{ previous_budget }} is null or {{ previous_revenue }} is null then 'no previous period'
        when {{ budget }} = {{ previous_budget }} then 'no budget change'
    end
{%- endmacro %}
