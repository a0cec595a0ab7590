{#- Period-based stage entries, contact level (docs/metrics/funnel.md): how many contacts
    first entered each canonical stage in a month (UTC); the visitor stage counts visitor
    ids first seen. Skipped stages count as entered (filled, DESIGN.md §3). -#}
with

entries as (

    select * from {{ ref('int_metrics__funnel_entries') }}
    where level = 'contact'

),

final as (

    select
        cast(date_trunc('month', entered_at) as date) as month_start,
        stage,
        cast(stage_order as integer) as stage_order,
        first_touch_channel,
        company_size_band,
        industry,
        owner_team,
        cast(count(*) as bigint) as entries
    from entries
    group by all

)

select * from final
