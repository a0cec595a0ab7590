{#- Deal slippage rate (DESIGN.md §5) per period and rep (and '__all__'): deals expected to
    close in the period that were not won in it / deals expected to close in it × 100.
    Period-based; a period still running at the snapshot date is flagged incomplete. -#}
with

expected as (

    select * from {{ ref('int_metrics__deals_expected_to_close') }}

),

by_rep as (

    select
        period_grain,
        period_start,
        owner_key,
        * exclude (period_grain, period_start, owner_key)
    from expected
    union all
    select
        period_grain,
        period_start,
        '__all__' as owner_key,
        * exclude (period_grain, period_start, owner_key)
    from expected

),

aggregated as (

    select
        period_grain,
        period_start,
        owner_key,
        min(snapshot_date) as snapshot_date,
        min(period_end) as period_end,
        bool_and(is_period_complete) as is_period_complete,
        count(*) as deals_expected,
        count(*) filter (where is_won_in_period) as deals_won_in_period,
        count(*) filter (where not is_won_in_period) as deals_slipped,
        count(*) filter (where slip_status = 'lost') as deals_lost,
        count(*) filter (where slip_status = 'pushed') as deals_pushed,
        count(*) filter (where slip_status = 'not_closed') as deals_not_closed,
        sum(amount_usd) as expected_amount_usd,
        coalesce(sum(amount_usd) filter (where not is_won_in_period), 0) as slipped_amount_usd
    from by_rep
    group by all

),

final as (

    select
        *,
        100 * {{ metrics_ratio('deals_slipped', 'deals_expected') }} as slippage_rate_pct
    from aggregated

)

select * from final
