{#- Stage-to-stage conversion, contact and account level, two ways (DESIGN.md §5):
    cohort  : of the records that entered stage k in the period, how many ever entered k+1;
    period  : records entering k+1 in the period / records entering k in the period
              (different people; can exceed 1).
    Skipped stages count as entered (filled from the next stage; DESIGN.md §3), so cohort
    funnels are monotonic. -#}
with

sliced_pairs as (

    select * from {{ ref('metrics_sliced_stage_pairs') }}

),

cohort as (

    select
        period_grain,
        {{ metrics_period_start('from_at') }} as period_start,
        'cohort' as basis,
        level,
        dimension,
        dimension_value,
        from_stage,
        to_stage,
        any_value(from_stage_order) as from_stage_order,
        count(*) as entered_from,
        count(to_at) as converted
    from sliced_pairs
    cross join {{ metrics_period_grains() }}
    where from_at is not null
    group by all

),

-- Each entry into k (side 'from') and into k+1 (side 'to') is an event in its own period.
period_events as (

    select *, from_at as entered_at, true as is_from_side from sliced_pairs where from_at is not null
    union all
    select *, to_at as entered_at, false as is_from_side from sliced_pairs where to_at is not null

),

period_based as (

    select
        period_grain,
        {{ metrics_period_start('entered_at') }} as period_start,
        'period' as basis,
        level,
        dimension,
        dimension_value,
        from_stage,
        to_stage,
        any_value(from_stage_order) as from_stage_order,
        count(*) filter (where is_from_side) as entered_from,
        count(*) filter (where not is_from_side) as converted
    from period_events
    cross join {{ metrics_period_grains() }}
    group by all

),

final as (

    select
        *,
        {{ metrics_ratio('converted', 'entered_from') }} as conversion_rate
    from (
        select * from cohort
        union all
        select * from period_based
    ) as both_bases

)

select * from final
