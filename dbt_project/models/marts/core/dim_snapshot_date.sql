{#- The date the marts are "as of", as one row. var `snapshot_date` (YYYY-MM-DD) pins it
    so that a report can be reproduced; by default it is the latest date the CRM data
    knows about (the newest deal property change or deal creation/close), never now():
    re-running on an old warehouse gives the same answer. -#}
{%- set pinned = var('snapshot_date', none) -%}
with

property_history as (

    select * from {{ ref('fct_opportunity_property_history') }}

),

opportunities as (

    select * from {{ ref('fct_opportunities') }}

),

data_dates as (

    select max(valid_from) as latest_at
    from property_history
    union all
    select max(greatest(created_at, coalesce(closed_at, created_at)))
    from opportunities

),

latest as (

    select cast(max(latest_at) as date) as latest_data_date
    from data_dates

),

snapshot as (

    select
        {{ "cast('" ~ pinned ~ "' as date)" if pinned else 'latest_data_date' }} as snapshot_date,
        {{ 'true' if pinned else 'false' }} as is_pinned,
        latest_data_date
    from latest

),

final as (

    select
        snapshot_date,
        is_pinned,
        latest_data_date,
        -- The exclusive end of the snapshot day: facts at or after it are not known yet.
        cast(snapshot_date as timestamp) + interval 1 day as snapshot_end_at
    from snapshot

)

select * from final
