{#- Net and gross revenue retention from summed ARR columns (docs/metrics/sales.md), one
    definition for the cohort and total marts: NRR = (start + expansion − contraction −
    churned) ÷ start (may exceed 1), GRR = (start − gross lost) ÷ start (0–1), where gross
    lost is the ARR each account lost to contraction and churn, capped at its start ARR.
    NULL when the start is 0. -#}
{% macro revenue_retention_ratios(start_arr, end_arr, gross_lost_arr) -%}
    {{ metrics_ratio(end_arr, start_arr) }} as net_revenue_retention,
    {{ metrics_ratio('(' ~ start_arr ~ ') - (' ~ gross_lost_arr ~ ')', start_arr) }}
        as gross_revenue_retention_rate
{%- endmacro %}
