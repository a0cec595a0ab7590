{#- Deal slippage, deal by deal: every deal that was expected to close in a period (month or
    quarter) and was not won in it. A deal is expected in a period when its expected close
    date, as it stood when the period started (or when the deal was created, if later),
    falls in the period. Only what was known by the snapshot date counts.
    slip_status: 'lost' (closed lost in the period), 'pushed' (open at the period end /
    snapshot with a later expected close date), 'not_closed' (open, date not moved yet). -#}
with

expected as (

    select * from {{ ref('int_metrics__deals_expected_to_close') }}
    where not is_won_in_period

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
        slip_status
    from expected

)

select * from final
