{#- Deal slippage (DESIGN.md §5, refined in docs/metrics/sales.md) per quarter and rep:
    slippage rate = deals expected to close in the quarter that were not won in it / deals
    expected to close in it, a fraction 0–1. Commit-based: a deal is expected in the quarter
    when its expected close date, as it stood when the quarter started (or the deal was
    created, if later), falls in it; so quarters are not sums of months (one table per
    grain). Counts add up over reps (mart_deal_slippage_quarterly_total). A quarter still
    running at the snapshot date is flagged incomplete. -#}
with

expected as (

    select * from {{ ref('int_metrics__deals_expected_to_close') }}
    where period_grain = 'quarter'

),

aggregated as (

    select
        period_start as quarter_start,
        owner_key,
        min(period_end) as quarter_end,
        min(snapshot_date) as snapshot_date,
        bool_and(is_period_complete) as is_quarter_complete,
        {{ sales_count_if() }} as deals_expected,
        {{ sales_count_if('is_won_in_period') }} as deals_won_in_quarter,
        {{ sales_count_if('not is_won_in_period') }} as deals_slipped,
        {{ sales_count_if("slip_status = 'lost'") }} as deals_lost,
        {{ sales_count_if("slip_status = 'pushed'") }} as deals_pushed,
        {{ sales_count_if("slip_status = 'not_closed'") }} as deals_not_closed,
        {{ sales_usd_sum('amount_usd') }} as expected_amount_usd,
        {{ sales_usd_sum('amount_usd', 'not is_won_in_period') }} as slipped_amount_usd
    from expected
    group by all

),

final as (

    select
        *,
        {{ metrics_ratio('deals_slipped', 'deals_expected') }} as slippage_rate
    from aggregated

)

select * from final
