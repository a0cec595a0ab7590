{#- Each deal in each period (month, quarter) it was expected to close in, and what
    happened in that period. The expectation is taken when the period started (or at the
    deal's creation, if later); the outcome at the period end or the snapshot, whichever
    comes first. -#}
with

snapshot as (

    select * from {{ ref('dim_snapshot_date') }}

),

periods as (

    select * from {{ ref('int_metrics__periods') }}

),

opportunities as (

    select * from {{ ref('fct_opportunities') }}

),

history as (

    select * from {{ ref('fct_opportunity_property_history') }}
    where property_name in ('dealstage', 'amount', 'closedate')

),

-- Deals that existed and were still open at some moment of a period that has started.
deal_periods as (

    select
        periods.period_grain,
        periods.period_start,
        periods.period_end,
        periods.period_start_at,
        periods.period_end_at,
        snapshot.snapshot_date,
        periods.period_end_at <= snapshot.snapshot_end_at as is_period_complete,
        opportunities.opportunity_key,
        greatest(periods.period_start_at, opportunities.created_at) as commit_at,
        least(periods.period_end_at, snapshot.snapshot_end_at) - interval 1 microsecond
            as evaluated_at
    from opportunities
    cross join snapshot
    inner join periods
        on
            opportunities.created_at < periods.period_end_at
            and snapshot.snapshot_end_at > periods.period_start_at
            and (opportunities.closed_at is null or opportunities.closed_at >= periods.period_start_at)
            and opportunities.created_at < snapshot.snapshot_end_at

),

points as (

    select
        period_grain || '|' || period_start || '|' || opportunity_key || '|commit' as point_id,
        opportunity_key,
        commit_at as as_of_at
    from deal_periods
    union all
    select
        period_grain || '|' || period_start || '|' || opportunity_key || '|evaluated' as point_id,
        opportunity_key,
        evaluated_at as as_of_at
    from deal_periods

),

state as (

    {{ metrics_deal_state_as_of('points', 'history') }}

),

joined as (

    select
        deal_periods.*,
        {{ sales_slice_value('opportunities.owner_key') }} as owner_key,
        -- The deal's one USD amount (docs/bi-contract.md §6), as every sales mart shows it.
        opportunities.amount_usd,
        opportunities.closed_at,
        opportunities.outcome,
        coalesce(at_commit.expected_close_date_as_of, opportunities.expected_close_date)
            as expected_close_date_at_commit,
        coalesce(at_end.expected_close_date_as_of, opportunities.expected_close_date)
            as expected_close_date_at_period_end,
        coalesce(
            opportunities.closed_at >= deal_periods.period_start_at
            and opportunities.closed_at <= deal_periods.evaluated_at,
            false
        ) as is_closed_in_period
    from deal_periods
    inner join opportunities
        on deal_periods.opportunity_key = opportunities.opportunity_key
    left join state as at_commit
        on
            at_commit.point_id = deal_periods.period_grain || '|' || deal_periods.period_start
            || '|' || deal_periods.opportunity_key || '|commit'
    left join state as at_end
        on
            at_end.point_id = deal_periods.period_grain || '|' || deal_periods.period_start
            || '|' || deal_periods.opportunity_key || '|evaluated'

),

final as (

    select
        period_grain,
        period_start,
        opportunity_key,
        snapshot_date,
        period_end,
        is_period_complete,
        owner_key,
        amount_usd,
        expected_close_date_at_commit,
        expected_close_date_at_period_end,
        closed_at,
        outcome,
        is_closed_in_period and outcome = 'won' as is_won_in_period,
        case
            when is_closed_in_period and outcome = 'won' then 'won'
            when is_closed_in_period then 'lost'
            when expected_close_date_at_period_end > period_end then 'pushed'
            else 'not_closed'
        end as slip_status
    from joined
    where expected_close_date_at_commit between period_start and period_end

)

select * from final
