{#- The reverse funnel in one grain chain (docs/metrics/funnel.md): from each quarter's
    revenue target (ref fct_revenue_targets), the trailing average won deal size and the
    trailing step ratios (var metrics_plan_trailing_quarters = 4 quarters before the target
    quarter, period-based entries of int_metrics__funnel_quarterly_counts), how many of
    each step the quarter needs, next to what it had (up to the snapshot date):
    won deals <- proposals <- SQL opportunities <- qualification calls (deals)
    <- SQLs <- MQLs <- leads (contacts) <- visitors (visitor ids).
    required(won) = ceil(target / average deal size); each earlier step needs
    ceil(required(next step) / ratio), ratio = trailing entries of the next step / trailing
    entries of the step: the same unit on both sides, except at the two bridges where the
    unit changes (SQL contacts -> deals: deals opened per SQL; visitor ids -> contacts:
    leads per visitor id). No history (or a zero ratio) leaves the requirement NULL. -#}
{%- set trailing_quarters = var('metrics_plan_trailing_quarters', 4) -%}
{%- set steps = [
    ('won_deals', 'deal'), ('proposals', 'deal'), ('sql_opportunities', 'deal'),
    ('qualification_calls', 'deal'), ('sqls', 'contact'), ('mqls', 'contact'),
    ('leads', 'contact'), ('visitors', 'visitor id'),
] -%}
with

targets as (

    select * from {{ ref('fct_revenue_targets') }}

),

quarterly as (

    select * from {{ ref('int_metrics__funnel_quarterly_counts') }}

),

windows as (

    select
        quarter_start,
        revenue_target_usd,
        cast(quarter_start - interval {{ 3 * trailing_quarters }} month as date) as window_start
    from targets

),

trailing_counts as (

    select
        windows.quarter_start,
        {%- for step, _ in steps %}
            coalesce(sum(quarterly.entries) filter (where quarterly.funnel_step = '{{ step }}'), 0)
                as trailing_{{ step }},
        {%- endfor %}
        coalesce(sum(quarterly.won_revenue_usd) filter (where quarterly.funnel_step = 'won_deals'), 0)
            as trailing_won_revenue_usd
    from windows
    left join quarterly
        on
            windows.window_start <= quarterly.quarter_start
            and windows.quarter_start > quarterly.quarter_start
    group by windows.quarter_start

),

ratios as (

    select
        windows.quarter_start,
        windows.window_start,
        windows.revenue_target_usd,
        trailing_counts.* exclude (trailing_counts.quarter_start),
        {{ metrics_ratio('trailing_counts.trailing_won_revenue_usd', 'trailing_counts.trailing_won_deals') }}
            as trailing_avg_deal_size_usd,
        {%- for i in range(1, steps | length) %}
            {%- set numerator = 'trailing_counts.trailing_' ~ steps[i - 1][0] %}
            {%- set denominator = 'trailing_counts.trailing_' ~ steps[i][0] %}
            {{ metrics_ratio(numerator, denominator) }} as ratio_{{ steps[i][0] }}
            {%- if not loop.last %},{% endif %}
        {%- endfor %}
    from windows
    inner join trailing_counts
        on windows.quarter_start = trailing_counts.quarter_start

),

required as (

    select
        *,
        -- Rounded to 9 places before ceil(): 7 / (1/3) must need 21, not 22.
        ceil(round({{ metrics_ratio('revenue_target_usd', 'trailing_avg_deal_size_usd') }}, 9))
            as required_won_deals,
        {%- for i in range(1, steps | length) %}
            ceil(round({{ metrics_ratio('required_' ~ steps[i - 1][0], 'ratio_' ~ steps[i][0]) }}, 9))
                as required_{{ steps[i][0] }}{% if not loop.last %},{% endif %}
        {%- endfor %}
    from ratios

),

actuals as (

    select
        required.quarter_start,
        {%- for step, _ in steps %}
            coalesce(sum(quarterly.entries) filter (where quarterly.funnel_step = '{{ step }}'), 0)
                as actual_{{ step }},
        {%- endfor %}
        coalesce(sum(quarterly.won_revenue_usd) filter (where quarterly.funnel_step = 'won_deals'), 0)
            as actual_won_revenue_usd
    from required
    left join quarterly
        on required.quarter_start = quarterly.quarter_start
    group by required.quarter_start

),

final as (

    {%- for step, unit in steps %}
        {%- set next = none if loop.first else steps[loop.index0 - 1][0] %}
        select
            required.quarter_start,
            {{ loop.index }} as step_order,
            '{{ step }}' as funnel_step,
            '{{ unit }}' as step_unit,
            {% if next -%} '{{ next }}' {%- else -%} cast(null as varchar) {%- endif %} as next_step,
            cast(required.revenue_target_usd as double) as revenue_target_usd,
            required.window_start as trailing_window_start,
            cast(required.trailing_avg_deal_size_usd as double) as trailing_avg_deal_size_usd,
            cast(required.trailing_{{ step }} as bigint) as trailing_entries,
            {% if next -%} cast(required.trailing_{{ next }} as bigint)
            {%- else -%} cast(null as bigint) {%- endif %} as trailing_next_step_entries,
            {% if next -%} required.ratio_{{ step }} {%- else -%} cast(null as double) {%- endif %}
                as trailing_step_ratio,
            cast(required.required_{{ step }} as bigint) as required_entries,
            cast(actuals.actual_{{ step }} as bigint) as actual_entries,
            cast(actuals.actual_won_revenue_usd as double) as actual_won_revenue_usd,
            {{ metrics_ratio('actuals.actual_' ~ step, 'required.required_' ~ step) }} as actual_vs_required_ratio
        from required
        inner join actuals
            on required.quarter_start = actuals.quarter_start
        {% if not loop.last %}union all{% endif %}
    {%- endfor %}

)

select * from final
