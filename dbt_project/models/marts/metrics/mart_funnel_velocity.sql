{#- Days from first entering stage k to first entering k+1 (DESIGN.md §5 stage velocity),
    contact and account level. cohort: by the period k was entered; period: by the period
    k+1 was entered. Pairs where either stage was inferred (skipped, filled from the next
    stage) are left out: their zero-day gap is an artefact of the filling, not a speed. -#}
with

sliced_pairs as (

    select * from {{ ref('metrics_sliced_stage_pairs') }}

),

sliced_steps as (

    select
        *,
        {{ metrics_days_between('from_at', 'to_at') }} as days_to_next_stage
    from sliced_pairs
    where from_at is not null
        and to_at is not null
        and not from_is_inferred
        and not to_is_inferred
        -- Out of order (an account's first lead before its first visit: different contacts)
        -- is not a step forward in time; such pairs are left out.
        and to_at >= from_at

),

by_basis as (

    select 'cohort' as basis, from_at as bucket_at, * from sliced_steps
    union all
    select 'period' as basis, to_at as bucket_at, * from sliced_steps

),

final as (

    select
        period_grain,
        {{ metrics_period_start('bucket_at') }} as period_start,
        basis,
        level,
        dimension,
        dimension_value,
        from_stage,
        to_stage,
        any_value(from_stage_order) as from_stage_order,
        count(*) as transitions,
        quantile_cont(days_to_next_stage, 0.5) as median_days,
        quantile_cont(days_to_next_stage, 0.75) as p75_days,
        avg(days_to_next_stage) as mean_days,
        min(days_to_next_stage) as min_days,
        max(days_to_next_stage) as max_days
    from by_basis
    cross join {{ metrics_period_grains() }}
    group by all

)

select * from final
