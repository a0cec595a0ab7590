{#- Lead hand-off per MQL month and owner (docs/metrics/feedback.md), one row per MQL
    episode counted in the month of its MQL: MQLs, MQLs with a known assignment, median and
    p75 hours from MQL to the owner's assignment, median hours to the first sales activity,
    followed up within the SLA window (var mql_sla_hours, default 24) and rejections. -#}
{%- set sla_hours = var('mql_sla_hours', 24) -%}
with

handoffs as (

    select * from {{ ref('int_metrics__lead_handoff') }}

),

aggregated as (

    select
        month_start,
        owner_key,
        any_value(owner_team) as owner_team,
        count(*) as mqls,
        count(assignment_hours) as mqls_assigned,
        quantile_cont(assignment_hours, 0.5) as median_assignment_hours,
        quantile_cont(assignment_hours, 0.75) as p75_assignment_hours,
        count(first_activity_at) as mqls_followed_up,
        quantile_cont(first_touch_hours, 0.5) as median_first_touch_hours,
        count(*) filter (where first_touch_hours <= {{ sla_hours }}) as mqls_within_sla,
        count(*) filter (where outcome = 'disqualified') as mqls_rejected
    from handoffs
    group by month_start, owner_key

),

final as (

    select
        month_start,
        owner_key,
        owner_team,
        cast({{ sla_hours }} as double) as sla_hours,
        cast(mqls as bigint) as mqls,
        cast(mqls_assigned as bigint) as mqls_assigned,
        cast(median_assignment_hours as double) as median_assignment_hours,
        cast(p75_assignment_hours as double) as p75_assignment_hours,
        cast(mqls_followed_up as bigint) as mqls_followed_up,
        cast(median_first_touch_hours as double) as median_first_touch_hours,
        cast(mqls_within_sla as bigint) as mqls_within_sla,
        {{ metrics_ratio('mqls_within_sla', 'mqls') }} as within_sla_rate,
        cast(mqls_rejected as bigint) as mqls_rejected,
        {{ metrics_ratio('mqls_rejected', 'mqls') }} as rejection_rate
    from aggregated

)

select * from final
