{#- MQL follow-up SLA (DESIGN.md §5, docs/metrics/marketing.md) per MQL month and owner,
    cohort-based by the month the contact became an MQL: MQLs, followed up, followed up
    within the SLA window (var mql_sla_hours, default 24) and its rate (a fraction), hours
    to the first sales activity (sum for means, median of the row), SAL acceptance and
    recycling, and hours from the MQL to the owner's assignment (median and p75,
    docs/metrics/feedback.md). Monthly totals with medians over all owners: mart_lead_sla_total. -#}
{%- set sla_hours = var('mql_sla_hours', 24) -%}
with

mqls as (

    select * from {{ ref('int_metrics__mql_follow_up') }}

),

aggregated as (

    select
        month_start,
        owner_key,
        -- The owner's team (one per owner): a column, not part of the grain.
        any_value(owner_team) as owner_team,
        count(*) as mqls,
        count(first_activity_at) as mqls_followed_up,
        count(*) filter (where hours_to_first_activity <= {{ sla_hours }}) as mqls_within_sla,
        sum(hours_to_first_activity) as total_hours_to_first_activity,
        quantile_cont(hours_to_first_activity, 0.5) as median_hours_to_first_activity,
        count(*) filter (where reached_sal) as mqls_accepted,
        count(*) filter (where was_recycled) as mqls_recycled,
        quantile_cont(assignment_hours, 0.5) as median_assignment_hours,
        quantile_cont(assignment_hours, 0.75) as p75_assignment_hours
    from mqls
    group by month_start, owner_key

),

final as (

    select
        month_start,
        owner_key,
        owner_team,
        cast({{ sla_hours }} as double) as sla_hours,
        cast(mqls as bigint) as mqls,
        cast(mqls_followed_up as bigint) as mqls_followed_up,
        cast(mqls_within_sla as bigint) as mqls_within_sla,
        {{ metrics_ratio('mqls_within_sla', 'mqls') }} as within_sla_rate,
        cast(total_hours_to_first_activity as double) as total_hours_to_first_activity,
        {{ metrics_ratio('total_hours_to_first_activity', 'mqls_followed_up') }}
            as mean_hours_to_first_activity,
        cast(median_hours_to_first_activity as double) as median_hours_to_first_activity,
        cast(mqls_accepted as bigint) as mqls_accepted,
        {{ metrics_ratio('mqls_accepted', 'mqls') }} as sal_acceptance_rate,
        cast(mqls_recycled as bigint) as mqls_recycled,
        {{ metrics_ratio('mqls_recycled', 'mqls') }} as recycle_rate,
        cast(median_assignment_hours as double) as median_assignment_hours,
        cast(p75_assignment_hours as double) as p75_assignment_hours
    from aggregated

)

select * from final
