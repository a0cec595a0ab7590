{#- The reverse funnel (DESIGN.md §5): from each quarter's revenue target (seed
    metrics_revenue_targets), the trailing average deal size and the trailing step-to-step
    rates (the var metrics_plan_trailing_quarters = 4 quarters before the target quarter,
    period-based counts), how many won deals, proposals, SQLs, MQLs, leads and visitors the
    quarter needs, next to what it actually had (up to the snapshot date).
    required(won) = ceil(target / average deal size); each step above needs
    ceil(required(step below) / rate), rate = entries(step below) / entries(step) in the
    trailing window. No history (or a zero rate) leaves the requirement NULL. -#}
{%- set trailing_quarters = var('metrics_plan_trailing_quarters', 4) -%}
{%- set steps = ['won_deals', 'proposals', 'sqls', 'mqls', 'leads', 'visitors'] -%}
with

targets as (

    select * from {{ ref('metrics_revenue_targets') }}

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
        {%- for step in steps %}
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

rates as (

    select
        windows.quarter_start,
        windows.window_start,
        windows.revenue_target_usd,
        trailing_counts.* exclude (trailing_counts.quarter_start),
        {{ metrics_ratio('trailing_counts.trailing_won_revenue_usd', 'trailing_counts.trailing_won_deals') }}
            as trailing_avg_deal_size_usd,
        {%- for i in range(1, steps | length) %}
            {{ metrics_ratio('trailing_counts.trailing_' ~ steps[i - 1], 'trailing_counts.trailing_' ~ steps[i]) }}
                as rate_{{ steps[i] }}{% if not loop.last %},{% endif %}
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
            as required_won_deals
        {%- for i in range(1, steps | length) %}
            ,
            ceil(round({{ metrics_ratio('required_' ~ steps[i - 1], 'rate_' ~ steps[i]) }}, 9))
                as required_{{ steps[i] }}
    
        {%- endfor %}
    from rates

),

actuals as (

    select
        required.quarter_start,
        {%- for step in steps %}
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

    {%- for step in steps %}
        select
            required.quarter_start,
            {{ loop.index }} as step_order,
            '{{ step }}' as funnel_step,
            required.revenue_target_usd,
            required.window_start as trailing_window_start,
            required.trailing_avg_deal_size_usd,
            {% if loop.first -%} cast(null as double) {%- else -%} required.rate_{{ step }} {%- endif %}
                as trailing_rate_to_next_step,
            required.trailing_{{ step }} as trailing_entries,
            cast(required.required_{{ step }} as bigint) as required_entries,
            actuals.actual_{{ step }} as actual_entries,
            actuals.actual_won_revenue_usd,
            {{ metrics_ratio('actuals.actual_' ~ step, 'required.required_' ~ step) }} as actual_vs_required
        from required
        inner join actuals
            on required.quarter_start = actuals.quarter_start
        {% if not loop.last %}union all{% endif %}
    {%- endfor %}

)

select * from final
