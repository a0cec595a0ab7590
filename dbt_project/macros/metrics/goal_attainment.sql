{#- Goal attainment per period (docs/playbook.md §5), for mart_goal_attainment_weekly,
    _monthly and _quarterly: the goal of each period (`goal_targets`, int_metrics__goal_targets
    rows of `grain`: 'week' | 'month' | 'quarter') against what happened up to the as-of day
    (`snapshot`, dim_snapshot_date) in `goal_actuals` (int_metrics__goal_actuals). A goal's
    '(all)' segment, team or rep takes every value; a named one only its own (team names
    compared case-insensitively). Company and segment goals take `actual_value`, team and rep
    goals `owned_value` (deals owned for opportunities and customers). Attainment = actual / target (NULL when the target is 0).
    Run-rate projection: the current period (the one holding the as-of day) = actual /
    elapsed days × days in the period; a completed period = its actual; a period after the
    as-of day has no actual and no projection. -#}
{% macro metrics_goal_attainment(goal_targets, goal_actuals, snapshot, grain) -%}
    with

    targets as (

        select * from {{ goal_targets }}
        where period_grain = '{{ grain }}'

    ),

    actuals as (

        select * from {{ goal_actuals }}

    ),

    as_of as (

        select snapshot_date from {{ snapshot }}

    ),

    periods as (

        select
            targets.*,
            as_of.snapshot_date as as_of_date,
            as_of.snapshot_date between targets.period_start and targets.period_end
                as is_current_period,
            case
                when as_of.snapshot_date < targets.period_start then 0
                when as_of.snapshot_date >= targets.period_end then targets.days_in_period
                else date_diff('day', targets.period_start, as_of.snapshot_date) + 1
            end as elapsed_days
        from targets
        cross join as_of

    ),

    measured as (

        select
            periods.period_start,
            periods.period_end,
            periods.metric,
            periods.segment,
            periods.team,
            periods.owner_key,
            periods.owner_email,
            periods.target_value,
            periods.is_target_prorated,
            periods.as_of_date,
            periods.is_current_period,
            periods.elapsed_days,
            periods.days_in_period,
            -- Counts and cents: rounding to the cent drops the DOUBLE sum's noise.
            round(sum(
                case
                    when periods.team = '(all)' and periods.owner_email = '(all)'
                        then actuals.actual_value
                    else actuals.owned_value
                end
            ), 2) as summed_value
        from periods
        left join actuals
            on
                periods.metric = actuals.metric
                and actuals.activity_date >= periods.period_start
                and actuals.activity_date <= least(periods.period_end, periods.as_of_date)
                and (periods.segment = '(all)' or periods.segment = actuals.segment)
                and (periods.team = '(all)' or lower(periods.team) = lower(actuals.team))
                and (periods.owner_email = '(all)' or periods.owner_email = actuals.owner_email)
        group by all

    ),

    projected as (

        select
            *,
            case
                when is_current_period
                    then actual_value / elapsed_days * days_in_period
                else actual_value
            end as projected_value
        from (
            select
                *,
                -- No actual before the period starts; 0 when nothing happened in it yet.
                case when elapsed_days > 0 then coalesce(summed_value, 0) end as actual_value
            from measured
        ) as with_actuals

    ),

    final as (

        select
            period_start as {{ grain }}_start,
            period_end as {{ grain }}_end,
            metric,
            segment,
            team,
            owner_key,
            owner_email,
            target_value,
            actual_value,
            {{ metrics_ratio('actual_value', 'target_value') }} as attainment,
            projected_value,
            {{ metrics_ratio('projected_value', 'target_value') }} as projected_attainment,
            is_current_period,
            cast(elapsed_days as double) as elapsed_days,
            cast(days_in_period as double) as total_days,
            as_of_date,
            is_target_prorated
        from projected

    )

    select * from final
{%- endmacro %}
