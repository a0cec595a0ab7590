{#- How long items usually stay in each open stage (docs/metrics/stalled.md): per item
    type × stage (× pipeline for deals; leads '(all)'), the count, median and 75th
    percentile (DuckDB quantile_cont: linear interpolation) of the completed stays up to
    the as-of time (dim_snapshot_date), and the items in the stage now. The norm
    mart_stalled_items compares days in stage with. -#}
with

snapshot as (

    select * from {{ ref('dim_snapshot_date') }}

),

stays as (

    select
        'lead' as item_type,
        '(all)' as pipeline_id,
        stage,
        stage_order,
        stay_days,
        is_open
    from {{ ref('int_metrics__stalled_lead_stays') }}
    union all
    select
        'deal' as item_type,
        pipeline_id,
        stage,
        stage_order,
        stay_days,
        is_open
    from {{ ref('int_metrics__stalled_deal_stays') }}

),

aggregated as (

    select
        item_type,
        pipeline_id,
        stage,
        min(stage_order) as stage_order,
        count(stay_days) as completed_stays,
        quantile_cont(stay_days, 0.5) as median_stay_days,
        quantile_cont(stay_days, 0.75) as p75_stay_days,
        count(*) filter (where is_open) as open_items
    from stays
    group by item_type, pipeline_id, stage

),

final as (

    select
        aggregated.item_type,
        aggregated.pipeline_id,
        aggregated.stage,
        cast(aggregated.stage_order as integer) as stage_order,
        snapshot.snapshot_date,
        cast(aggregated.completed_stays as bigint) as completed_stays,
        cast(aggregated.median_stay_days as double) as median_stay_days,
        cast(aggregated.p75_stay_days as double) as p75_stay_days,
        cast(aggregated.open_items as bigint) as open_items
    from aggregated
    cross join snapshot

)

select * from final
