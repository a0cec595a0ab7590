{#- Stage velocity per period (docs/metrics/funnel.md), for mart_funnel_velocity_monthly and
    _quarterly: days from first entering stage k to first entering k+1, contact level
    (visitor -> lead: by visitor id), by the `grain` ('month' | 'quarter', UTC) k was entered.
    Medians do not add up over periods: one table per period grain. Steps with a skipped
    (inferred) stage on either side are left out: their zero-day gap is an artefact of the
    filling, not a speed; so are backward steps. -#}
{% macro metrics_funnel_velocity(funnel_entries, grain) -%}
    with

    steps as (

        select
            *,
            {{ metrics_days_between('entered_at', 'next_stage_entered_at') }} as days_to_next_stage
        from {{ funnel_entries }}
        where
            level = 'contact'
            and next_stage_entered_at is not null
            and not is_inferred
            and not next_stage_is_inferred
            and next_stage_entered_at >= entered_at

    ),

    final as (

        select
            cast(date_trunc('{{ grain }}', entered_at) as date) as {{ grain }}_start,
            stage as from_stage,
            next_stage as to_stage,
            cast(stage_order as integer) as from_stage_order,
            cast(count(*) as bigint) as transitions,
            sum(days_to_next_stage) as total_days,
            quantile_cont(days_to_next_stage, 0.5) as median_days,
            quantile_cont(days_to_next_stage, 0.75) as p75_days,
            avg(days_to_next_stage) as mean_days,
            min(days_to_next_stage) as min_days,
            max(days_to_next_stage) as max_days
        from steps
        group by all

    )

    select * from final
{%- endmacro %}
