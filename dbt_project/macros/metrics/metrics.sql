{#- Shared building blocks of the metric marts (schema `metrics`). -#}

{#- The reporting periods every period-based mart is computed for; join it with
    `cross join {{ metrics_period_grains() }}` and bucket with metrics_period_start(). -#}
{% macro metrics_period_grains() -%}
    (values ('month'), ('quarter')) as period_grains (period_grain)
{%- endmacro %}

{% macro metrics_period_start(timestamp_expression, grain_expression='period_grain') -%}
    cast(date_trunc({{ grain_expression }}, {{ timestamp_expression }}) as date)
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

{#- One row per entity and canonical stage it entered, from a funnel table
    (fct_contact_funnel / fct_account_funnel: `<stage>_at` and `<stage>_is_inferred` per
    stage): when it first entered the stage (skipped stages filled), the next canonical
    stage and when it first entered that (NULL if never; the last stage has no next), and
    whether each was inferred. The stages and their order are the rows of
    `canonical_stages` (a CTE over the seed): the funnel's stage columns are unpivoted and
    matched by name, so the list is never written out here. -#}
{% macro metrics_funnel_stage_rows(funnel, key_column, canonical_stages) -%}
    with

    entered as (

        select
            entity_key,
            stage_column,
            entered_at
        from (
            select
                {{ key_column }} as entity_key,
                columns('_at$')
            from {{ funnel }}
        ) as stage_times
        unpivot (entered_at for stage_column in (columns('_at$')))

    ),

    inferred as (

        select
            entity_key,
            flag_column,
            is_inferred
        from (
            select
                {{ key_column }} as entity_key,
                columns('_is_inferred$')
            from {{ funnel }}
        ) as stage_flags
        unpivot (is_inferred for flag_column in (columns('_is_inferred$')))

    ),

    stage_entries as (

        select
            entered.entity_key,
            {{ canonical_stages }}.stage,
            {{ canonical_stages }}.stage_order,
            entered.entered_at,
            coalesce(inferred.is_inferred, false) as is_inferred
        from entered
        inner join {{ canonical_stages }}
            on entered.stage_column = {{ canonical_stages }}.stage || '_at'
        left join inferred
            on
                entered.entity_key = inferred.entity_key
                and inferred.flag_column = {{ canonical_stages }}.stage || '_is_inferred'

    ),

    steps as (

        select
            stage,
            lead(stage) over (order by stage_order) as next_stage
        from {{ canonical_stages }}

    )

    select
        stage_entries.entity_key,
        stage_entries.stage,
        stage_entries.stage_order,
        steps.next_stage,
        stage_entries.entered_at,
        stage_entries.is_inferred,
        next_entries.entered_at as next_stage_entered_at,
        next_entries.is_inferred as next_stage_is_inferred
    from stage_entries
    inner join steps
        on stage_entries.stage = steps.stage
    left join stage_entries as next_entries
        on
            stage_entries.entity_key = next_entries.entity_key
            and steps.next_stage = next_entries.stage
{%- endmacro %}

{#- A slicing attribute of the funnel marts: the value, else '(unknown)' (never NULL;
    docs/bi-contract.md §1). -#}
{% macro metrics_funnel_slice(expression) -%}
    coalesce(cast({{ expression }} as varchar), '(unknown)')
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
