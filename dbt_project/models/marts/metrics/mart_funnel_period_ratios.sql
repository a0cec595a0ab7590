{#- Period-based next-stage entry ratio, contact level (docs/metrics/funnel.md): entries
    into stage k+1 in a month ÷ entries into stage k in the same month. Different people
    (a ratio of two flows, can exceed 1), not a conversion rate: that is the cohort mart. -#}
with

entries as (

    select * from {{ ref('int_metrics__funnel_entries') }}
    where level = 'contact'

),

canonical_stages as (

    select * from {{ ref('canonical_stages') }}

),

steps as (

    select
        stage as from_stage,
        stage_order as from_stage_order,
        lead(stage) over (order by stage_order) as to_stage
    from canonical_stages

),

monthly as (

    select
        cast(date_trunc('month', entered_at) as date) as month_start,
        stage,
        count(*) as entries
    from entries
    group by all

),

months as (

    select distinct month_start from monthly

),

final as (

    select
        months.month_start,
        steps.from_stage,
        steps.to_stage,
        cast(steps.from_stage_order as integer) as from_stage_order,
        cast(coalesce(from_entries.entries, 0) as bigint) as entries_from_stage,
        cast(coalesce(to_entries.entries, 0) as bigint) as entries_to_stage,
        {{ metrics_ratio('coalesce(to_entries.entries, 0)', 'from_entries.entries') }} as next_stage_entry_ratio
    from months
    cross join steps
    left join monthly as from_entries
        on
            months.month_start = from_entries.month_start
            and steps.from_stage = from_entries.stage
    left join monthly as to_entries
        on
            months.month_start = to_entries.month_start
            and steps.to_stage = to_entries.stage
    where
        steps.to_stage is not null
        and (from_entries.entries is not null or to_entries.entries is not null)

)

select * from final
