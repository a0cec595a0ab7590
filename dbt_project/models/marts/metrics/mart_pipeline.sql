{#- Open pipeline as of the snapshot date (var `snapshot_date`, default the latest data
    date) by expected close period, rep and sales stage: deals, amount and weighted amount
    (amount × the stage probability from the CRM pipeline definition). -#}
with

deals as (

    select * from {{ ref('int_metrics__pipeline_deals') }}
    where is_open
    -- A deal with no expected close date belongs to no period (none in the demo).
    and expected_close_date is not null

),

final as (

    select
        period_grains.period_grain,
        {{ metrics_period_start('deals.expected_close_date', 'period_grains.period_grain') }}
            as expected_close_period_start,
        deals.owner_key,
        deals.deal_stage_id,
        min(deals.snapshot_date) as snapshot_date,
        min(deals.deal_stage_label) as deal_stage_label,
        min(deals.deal_stage_order) as deal_stage_order,
        min(deals.stage_probability) as stage_probability,
        count(*) as open_deals,
        sum(deals.amount_usd) as open_amount_usd,
        sum(deals.amount_usd * deals.stage_probability) as weighted_amount_usd
    from deals
    cross join {{ metrics_period_grains() }}
    group by all

)

select * from final
