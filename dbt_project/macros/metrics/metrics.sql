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

{#- One row per entity and consecutive canonical stage pair k -> k+1 of a funnel table
    (fct_contact_funnel / fct_account_funnel: `<stage>_at` and `<stage>_is_inferred` per
    stage): when it first entered k and k+1 (skipped stages filled) and whether each was
    inferred; only pairs with at least one of the two entered. The stages and their order
    are the rows of `canonical_stages` (a CTE over the seed): the funnel's stage columns are
    unpivoted and matched by name, so the list is never written out here. -#}
{% macro metrics_stage_pairs(funnel, key_column, canonical_stages) -%}
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
        unpivot include nulls (entered_at for stage_column in (columns('_at$')))

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
        unpivot include nulls (is_inferred for flag_column in (columns('_is_inferred$')))

    ),

    stage_entries as (

        select
            entered.entity_key,
            {{ canonical_stages }}.stage,
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
            stage as from_stage,
            stage_order as from_stage_order,
            lead(stage) over (order by stage_order) as to_stage
        from {{ canonical_stages }}

    )

    select
        from_entries.entity_key,
        steps.from_stage,
        steps.to_stage,
        steps.from_stage_order,
        from_entries.entered_at as from_at,
        to_entries.entered_at as to_at,
        from_entries.is_inferred as from_is_inferred,
        to_entries.is_inferred as to_is_inferred
    from steps
    inner join stage_entries as from_entries
        on steps.from_stage = from_entries.stage
    inner join stage_entries as to_entries
        on
            steps.to_stage = to_entries.stage
            and from_entries.entity_key = to_entries.entity_key
    where from_entries.entered_at is not null or to_entries.entered_at is not null
{%- endmacro %}

{#- The slices the funnel marts cut contacts and accounts by, as long rows (level,
    entity_key, dimension, dimension_value): every contact and account once under
    'overall' = 'all', and once under each of channel (the first touch's channel),
    company_size_band and industry (of the account; a contact's own account) and
    owner_team (the primary team of the owner; an account's owner, else its CRM owner).
    Unknown values are 'unknown'. The inputs are CTEs over fct_contact_funnel,
    fct_account_funnel, dim_account, dim_owner and fct_touchpoints. -#}
{% macro metrics_funnel_slices(contact_funnel, account_funnel, accounts, owners, touchpoints) -%}
    with

    first_touches as (

        select
            'contact' as level,
            contact_key as entity_key,
            arg_min(channel, (touched_at, touchpoint_id)) as first_touch_channel
        from {{ touchpoints }}
        where contact_key is not null
        group by contact_key
        union all
        select
            'account' as level,
            account_key as entity_key,
            arg_min(channel, (touched_at, touchpoint_id)) as first_touch_channel
        from {{ touchpoints }}
        where account_key is not null
        group by account_key

    ),

    entities as (

        select
            'contact' as level,
            contact_key as entity_key,
            account_key,
            owner_key
        from {{ contact_funnel }}
        union all
        select
            'account' as level,
            {{ account_funnel }}.account_key as entity_key,
            {{ account_funnel }}.account_key,
            coalesce({{ account_funnel }}.owner_key, {{ accounts }}.owner_key) as owner_key
        from {{ account_funnel }}
        left join {{ accounts }}
            on {{ account_funnel }}.account_key = {{ accounts }}.account_key

    ),

    attributes as (

        select
            entities.level,
            entities.entity_key,
            {{ metrics_unknown('first_touches.first_touch_channel') }} as channel,
            {{ metrics_unknown(accounts ~ '.size_band') }} as company_size_band,
            {{ metrics_unknown(accounts ~ '.industry') }} as industry,
            {{ metrics_unknown(owners ~ '.primary_team_name') }} as owner_team
        from entities
        left join {{ accounts }}
            on entities.account_key = {{ accounts }}.account_key
        left join {{ owners }}
            on entities.owner_key = {{ owners }}.owner_key
        left join first_touches
            on
                entities.level = first_touches.level
                and entities.entity_key = first_touches.entity_key

    )

    select
        level,
        entity_key,
        'overall' as dimension,
        'all' as dimension_value
    from attributes
    union all
    select
        level,
        entity_key,
        dimension,
        dimension_value
    from attributes
    unpivot (dimension_value for dimension in (channel, company_size_band, industry, owner_team))
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

{#- Consecutive canonical stage pairs k -> k+1 of every contact and account, once overall and
    once per first-touch channel, size band, industry and owner team: the rows both funnel
    marts (conversion, velocity) aggregate. Arguments are the names of the calling model's
    input CTEs, so its inputs stay visible at its top. -#}
{% macro metrics_sliced_stage_pairs(contact_funnel, account_funnel, accounts, owners, touchpoints, canonical_stages) -%}
    with stage_pairs as (

        select
            'contact' as level,
            *
        from ({{ metrics_stage_pairs(contact_funnel, 'contact_key', canonical_stages) }}) as contact_pairs
        union all
        select
            'account' as level,
            *
        from ({{ metrics_stage_pairs(account_funnel, 'account_key', canonical_stages) }}) as account_pairs

    ),

    slices as (

        {{ metrics_funnel_slices(contact_funnel, account_funnel, accounts, owners, touchpoints) }}

    )

    select
        slices.dimension,
        slices.dimension_value,
        stage_pairs.*
    from stage_pairs
    inner join slices
        on
            stage_pairs.level = slices.level
            and stage_pairs.entity_key = slices.entity_key
{%- endmacro %}
