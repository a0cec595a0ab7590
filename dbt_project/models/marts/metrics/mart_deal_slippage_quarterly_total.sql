{#- Deal slippage of the whole sales team per quarter: the reps' counts summed
    (mart_deal_slippage_quarterly), slippage rate = Σ slipped / Σ expected (a ratio of
    sums, not an average of the reps' rates). -#}
with

by_rep as (

    select * from {{ ref('mart_deal_slippage_quarterly') }}

),

totals as (

    select
        quarter_start,
        min(quarter_end) as quarter_end,
        min(snapshot_date) as snapshot_date,
        bool_and(is_quarter_complete) as is_quarter_complete,
        {{ sales_count('sum(deals_expected)') }} as deals_expected,
        {{ sales_count('sum(deals_won_in_quarter)') }} as deals_won_in_quarter,
        {{ sales_count('sum(deals_slipped)') }} as deals_slipped,
        {{ sales_count('sum(deals_lost)') }} as deals_lost,
        {{ sales_count('sum(deals_pushed)') }} as deals_pushed,
        {{ sales_count('sum(deals_not_closed)') }} as deals_not_closed,
        cast(sum(expected_amount_usd) as decimal(18, 2)) as expected_amount_usd,
        cast(sum(slipped_amount_usd) as decimal(18, 2)) as slipped_amount_usd
    from by_rep
    group by quarter_start

),

final as (

    select
        *,
        {{ metrics_ratio('deals_slipped', 'deals_expected') }} as slippage_rate
    from totals

)

select * from final
