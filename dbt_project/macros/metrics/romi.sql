{#- ROMI, one meaning everywhere (docs/metrics/marketing.md): (attributed revenue - marketing
    cost) / marketing cost; NULL (never an error) without marketing cost. -#}
{% macro romi(attributed_revenue, marketing_cost) -%}
    {{ metrics_ratio('(' ~ attributed_revenue ~ ') - (' ~ marketing_cost ~ ')', marketing_cost) }}
{%- endmacro %}

{#- The smallest budget change (USD) an incremental ROMI is computed for: the larger of
    var incremental_romi_min_budget_change_share (default 0.10) × the previous period's
    marketing cost and var incremental_romi_min_budget_change_usd (default 0). -#}
{% macro incremental_romi_threshold_usd(previous_cost) -%}
    greatest(
        {{ var('incremental_romi_min_budget_change_share', 0.10) }} * abs({{ previous_cost }}),
        {{ var('incremental_romi_min_budget_change_usd', 0) }}
    )
{%- endmacro %}

{#- Why an incremental ROMI is NULL (NULL when it has a value): 'no previous period',
    'no budget change' or 'budget change below threshold'. -#}
{% macro incremental_romi_null_reason(cost, previous_cost) -%}
    case
        when {{ previous_cost }} is null then 'no previous period'
        when {{ cost }} = {{ previous_cost }} then 'no budget change'
        when abs(({{ cost }}) - ({{ previous_cost }}))
            < {{ incremental_romi_threshold_usd(previous_cost) }}
            then 'budget change below threshold'
    end
{%- endmacro %}

{#- Incremental ROMI = (revenue - previous revenue) / (cost - previous cost), only where the
    budget change reaches the threshold (incremental_romi_null_reason is NULL). -#}
{% macro incremental_romi(revenue, previous_revenue, cost, previous_cost) -%}
    case
        when {{ incremental_romi_null_reason(cost, previous_cost) }} is null
            then cast(({{ revenue }}) - ({{ previous_revenue }}) as double)
            / (({{ cost }}) - ({{ previous_cost }}))
    end
{%- endmacro %}
