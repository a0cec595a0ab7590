{#- Days from first entering stage k to first entering k+1 (DESIGN.md §5 stage velocity),
    contact and account level. cohort: by the period k was entered; period: by the period
    k+1 was entered. Pairs where either stage was inferred (skipped, filled from the next
    stage) are left out: their zero-day gap is an artefact of the filling, not a speed.
    Stage pairs and slices as in mart_funnel_conversion (seed canonical_stages, macro
    metrics_sliced_stage_pairs). -#}
with

contact_funnel as (

    select * from {{ ref('fct_contact_funnel') }}

),

account_funnel as (

    select * from {{ ref('fct_account_funnel') }}

),

accounts as (

    select * from {{ ref('dim_account') }}

),

owners as (

    select * from {{ ref('dim_owner') }}

),

touchpoints as (

    select * from {{ ref('fct_touchpoints') }}

),

canonical_stages as (

    select * from {{ ref('canonical_stages') }}

),

-- Every contact and account's stage pairs k -> k+1, overall and per slice.
sliced_pairs as (

    {{ metrics_sliced_stage_pairs(
        'contact_funnel', 'account_funnel', 'accounts', 'owners', 'touchpoints', 'canonical_stages'
    ) }}

),

sliced_steps as (

    select
        *,
        {{ metrics_days_between('from_at', 'to_at') }} as days_to_next_stage
    from sliced_pairs
    where
        from_at is not null
        and to_at is not null
        and not from_is_inferred
        and not to_is_inferred
        -- Out of order (an account's first lead before its first visit: different contacts)
        -- is not a step forward in time; such pairs are left out.
        and to_at >= from_at

),

by_basis as (

    select
        'cohort' as basis,
        from_at as bucket_at,
        *
    from sliced_steps
    union all
    select
        'period' as basis,
        to_at as bucket_at,
        *
    from sliced_steps

),

final as (

    select
        period_grains.period_grain,
        {{ metrics_period_start('by_basis.bucket_at', 'period_grains.period_grain') }} as period_start,
        by_basis.basis,
        by_basis.level,
        by_basis.dimension,
        by_basis.dimension_value,
        by_basis.from_stage,
        by_basis.to_stage,
        min(by_basis.from_stage_order) as from_stage_order,
        count(*) as transitions,
        quantile_cont(by_basis.days_to_next_stage, 0.5) as median_days,
        quantile_cont(by_basis.days_to_next_stage, 0.75) as p75_days,
        avg(by_basis.days_to_next_stage) as mean_days,
        min(by_basis.days_to_next_stage) as min_days,
        max(by_basis.days_to_next_stage) as max_days
    from by_basis
    cross join {{ metrics_period_grains() }}
    group by all

)

select * from final
