{#- Every stay of a deal in an open sales stage (not a closed stage of its pipeline)
    entered up to the as-of time (dim_snapshot_date.snapshot_end_at, the exclusive end of
    the snapshot day), from fct_opportunity_stage_history: a stay ends when the deal enters
    its next stage. An exit after the as-of time is not known yet (the stay is still
    running then). A stay with no exit is open when the deal is not closed by the as-of
    time (closed_at before it; a closed deal without a close time counts as closed). -#}
with

snapshot as (

    select * from {{ ref('dim_snapshot_date') }}

),

opportunities as (

    select * from {{ ref('fct_opportunities') }}

),

stage_history as (

    select * from {{ ref('fct_opportunity_stage_history') }}
    where not coalesce(is_closed_stage, false)

),

stays as (

    select
        stage_history.opportunity_stage_id as stay_id,
        stage_history.opportunity_key,
        coalesce(cast(opportunities.pipeline_id as varchar), '(unknown)') as pipeline_id,
        -- The sales stage; the CRM stage id while the seed sales_stage_mapping lacks it.
        coalesce(nullif(stage_history.sales_stage, 'unknown'), stage_history.deal_stage_id)
            as stage,
        stage_history.sales_stage_order as stage_order,
        stage_history.entered_at,
        case
            when stage_history.exited_at < snapshot.snapshot_end_at then stage_history.exited_at
        end as exited_at,
        coalesce(opportunities.closed_at < snapshot.snapshot_end_at, opportunities.is_closed, false)
            as is_deal_closed
    from stage_history
    inner join opportunities
        on stage_history.opportunity_key = opportunities.opportunity_key
    cross join snapshot
    where stage_history.entered_at < snapshot.snapshot_end_at

),

final as (

    select
        stay_id,
        opportunity_key,
        pipeline_id,
        stage,
        stage_order,
        entered_at,
        exited_at,
        {{ metrics_days_between('entered_at', 'exited_at') }} as stay_days,
        exited_at is null and not is_deal_closed as is_open
    from stays

)

select * from final
