{#- Every deal created by the end of the snapshot day, as it stood then (stage, amount and
    expected close date from the property history), so that the pipeline marts reproduce
    for any var `snapshot_date`. Open = not in a closed stage and not closed by then.
    amount_usd = the amount as of the snapshot day × the snapshot day's rate: for a deal
    still open, fct_opportunities.amount_usd (the same rule), unless the amount changed
    after a pinned snapshot date. -#}
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

fx_span as (

    select
        min(date_day) as first_day,
        max(date_day) as last_day
    from fx_rates

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
        {{ sales_slice_value('opportunities.owner_key') }} as owner_key,
        opportunities.account_key,
        opportunities.pipeline_id,
        opportunities.pipeline_name,
        opportunities.deal_type,
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
    -- Stage ids are per pipeline (Salesforce's 'Closed Won' is in both pipelines).
    left join stages
        on
            opportunities.pipeline_id = stages.pipeline_id
            and state.deal_stage_id_as_of = stages.deal_stage_id

),

final as (

    select
        joined.*,
        not joined.is_closed as is_open,
        -- The one FX rule (docs/bi-contract.md §6): open pipeline is valued at the snapshot
        -- day's rate, as fct_opportunities values open deals (same macro, same rounding).
        {{ sales_amount_usd('joined.amount', 'joined.currency', 'fx_rates') }} as amount_usd
    from joined
    cross join fx_span
    left join fx_rates
        on
            joined.currency = fx_rates.currency_code
            and {{ fx_rate_day('joined.snapshot_date', 'fx_span') }} = fx_rates.date_day

)

select * from final
