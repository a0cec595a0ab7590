{#- MQL follow-up SLA per MQL month over all owners: the non-additive medians (hours to the
    first sales activity, and to the owner's assignment) that mart_lead_sla's owner rows
    cannot be summed into. -#}
{%- set sla_hours = var('mql_sla_hours', 24) -%}
with

mqls as (

    select * from {{ ref('int_metrics__mql_follow_up') }}

),

aggregated as (

    select
        month_start,
        count(*) as mqls,
        count(first_activity_at) as mqls_followed_up,
        count(*) filter (where hours_to_first_activity <= {{ sla_hours }}) as mqls_within_sla,
        avg(hours_to_first_activity) as mean_hours_to_first_activity,
        quantile_cont(hours_to_first_activity, 0.5) as median_hours_to_first_activity,
        quantile_cont(hours_to_first_activity, 0.9) as p90_hours_to_first_activity,
        quantile_cont(assignment_hours, 0.5) as median_assignment_hours,
        quantile_cont(assignment_hours, 0.75) as p75_assignment_hours
    from mqls
    group by month_start

),

final as (

    select
        month_start,
        cast({{ sla_hours }} as double) as sla_hours,
        cast(mqls as bigint) as mqls,
        cast(mqls_followed_up as bigint) as mqls_followed_up,
        cast(mqls_within_sla as bigint) as mqls_within_sla,
        {{ metrics_ratio('mqls_within_sla', 'mqls') }} as within_sla_rate,
        cast(mean_hours_to_first_activity as double) as mean_hours_to_first_activity,
        cast(median_hours_to_first_activity as double) as median_hours_to_first_activity,
        cast(p90_hours_to_first_activity as double) as p90_hours_to_first_activity,
        cast(median_assignment_hours as double) as median_assignment_hours,
        cast(p75_assignment_hours as double) as p75_assignment_hours
    from aggregated

)

select * from final
