{#- Every deal created by the end of the snapshot day, as it stood then (stage, amount and
    expected close date from the property history), so that the pipeline marts reproduce
    for any var `snapshot_date`. Open = not in a closed stage and not closed by then. -#}
with

snapshot as (

    select * from {{ ref('dim_snapshot_date') }}

),

opportunities as (

    select * from {{ ref('fct_opportunities') }}

),

history as (

    select * from {{ ref('fct_opportunity_property_history') }}
    where property_name in ('dealstage', 'amount', 'closedate')

),

stages as (

    select * from {{ ref('dim_sales_stages') }}

),

fx_rates as (

    select * from {{ ref('fct_fx_rates') }}

),

points as (

    select
        opportunities.opportunity_key as point_id,
        opportunities.opportunity_key,
        -- "As of the snapshot day" includes changes made during that day.
        snapshot.snapshot_end_at - interval 1 microsecond as as_of_at
    from opportunities
    cross join snapshot
    where opportunities.created_at < snapshot.snapshot_end_at

),

state as (

    {{ metrics_deal_state_as_of('points', 'history') }}

),

joined as (

    select
        snapshot.snapshot_date,
        opportunities.opportunity_key,
        {{ metrics_unknown('opportunities.owner_key') }} as owner_key,
        opportunities.account_key,
        opportunities.created_at,
        opportunities.currency,
        coalesce(state.deal_stage_id_as_of, 'unknown') as deal_stage_id,
        coalesce(stages.deal_stage_label, 'unknown') as deal_stage_label,
        coalesce(stages.display_order, -1) as deal_stage_order,
        stages.probability as stage_probability,
        coalesce(state.amount_as_of, opportunities.amount) as amount,
        coalesce(state.expected_close_date_as_of, opportunities.expected_close_date)
            as expected_close_date,
        coalesce(stages.is_closed, false)
        or coalesce(opportunities.closed_at < snapshot.snapshot_end_at, false) as is_closed
    from points
    inner join opportunities
        on points.opportunity_key = opportunities.opportunity_key
    inner join state
        on points.point_id = state.point_id
    cross join snapshot
    left join stages
        on state.deal_stage_id_as_of = stages.deal_stage_id

),

final as (

    select
        joined.*,
        not is_closed as is_open,
        -- Open pipeline is valued at the snapshot day's rate.
        amount * {{ metrics_usd_rate('fx_rates', 'joined.currency', 'joined.snapshot_date') }}
            as amount_usd
    from joined

)

select * from final
