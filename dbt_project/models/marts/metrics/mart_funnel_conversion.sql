{#- Stage-to-stage conversion, contact and account level, two ways (DESIGN.md §5):
    cohort  : of the records that entered stage k in the period, how many ever entered k+1;
    period  : records entering k+1 in the period / records entering k in the period
              (different people; can exceed 1).
    Skipped stages count as entered (filled from the next stage; DESIGN.md §3), so cohort
    funnels are monotonic. The stages and their order are the seed canonical_stages; each
    record is counted overall and under its first-touch channel, company size band, industry
    and owner team (macro metrics_sliced_stage_pairs, shared with
    mart_funnel_velocity). Reads core only, so the walk to raw is one model per layer. -#}
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

cohort as (

    select
        period_grains.period_grain,
        {{ metrics_period_start('sliced_pairs.from_at', 'period_grains.period_grain') }} as period_start,
        'cohort' as basis,
        sliced_pairs.level,
        sliced_pairs.dimension,
        sliced_pairs.dimension_value,
        sliced_pairs.from_stage,
        sliced_pairs.to_stage,
        min(sliced_pairs.from_stage_order) as from_stage_order,
        count(*) as entered_from,
        count(sliced_pairs.to_at) as converted
    from sliced_pairs
    cross join {{ metrics_period_grains() }}
    where sliced_pairs.from_at is not null
    group by all

),

-- Each entry into k (side 'from') and into k+1 (side 'to') is an event in its own period.
period_events as (

    select
        *,
        from_at as entered_at,
        true as is_from_side
    from sliced_pairs
    where from_at is not null
    union all
    select
        *,
        to_at as entered_at,
        false as is_from_side
    from sliced_pairs
    where to_at is not null

),

period_based as (

    select
        period_grains.period_grain,
        {{ metrics_period_start('period_events.entered_at', 'period_grains.period_grain') }} as period_start,
        'period' as basis,
        period_events.level,
        period_events.dimension,
        period_events.dimension_value,
        period_events.from_stage,
        period_events.to_stage,
        min(period_events.from_stage_order) as from_stage_order,
        count(*) filter (where period_events.is_from_side) as entered_from,
        count(*) filter (where not period_events.is_from_side) as converted
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
