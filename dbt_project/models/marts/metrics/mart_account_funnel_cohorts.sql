{#- Cohort stage conversion, account level (docs/metrics/funnel.md): of the accounts that
    first entered stage k in a month (UTC), how many ever entered k+1. One grain: month ×
    from_stage × the four slices; months add up to quarters and years. -#}
with

entries as (

    select * from {{ ref('int_metrics__funnel_entries') }}
    where level = 'account' and next_stage is not null

),

final as (

    select
        cast(date_trunc('month', entered_at) as date) as month_start,
        stage as from_stage,
        next_stage as to_stage,
        cast(stage_order as integer) as from_stage_order,
        first_touch_channel,
        company_size_band,
        industry,
        owner_team,
        cast(count(*) as bigint) as entered_from_stage,
        cast(count(next_stage_entered_at) as bigint) as converted_to_next_stage,
        {{ metrics_ratio('count(next_stage_entered_at)', 'count(*)') }} as conversion_rate
    from entries
    group by all

)

select * from final
