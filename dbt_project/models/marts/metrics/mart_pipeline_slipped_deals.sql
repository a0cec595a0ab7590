{#- Deal slippage, deal by deal: every deal that was expected to close in a quarter and was
    not won in it (the rows behind mart_deal_slippage_quarterly's deals_slipped). A deal is
    expected in a quarter when its expected close date, as it stood when the quarter started
    (or when the deal was created, if later), falls in it. Only what was known by the
    snapshot date counts. slip_status: 'lost' (closed lost in the quarter), 'pushed' (open
    at the quarter end / snapshot with a later expected close date), 'not_closed' (open,
    date not moved out of the quarter). -#}
with

expected as (

    select * from {{ ref('int_metrics__deals_expected_to_close') }}
    where period_grain = 'quarter' and not is_won_in_period

),

final as (

    select
        period_start as quarter_start,
        opportunity_key,
        period_end as quarter_end,
        snapshot_date,
        is_period_complete as is_quarter_complete,
        owner_key,
        amount_usd,
        expected_close_date_at_commit,
        expected_close_date_at_period_end as expected_close_date_at_quarter_end,
        closed_at,
        outcome,
        slip_status
    from expected

)

select * from final
