{#- Open pipeline as of the snapshot date (var `snapshot_date`, default the latest data
    date) by expected close period, rep and sales stage: deals, amount and weighted amount
    (amount × the stage probability from the CRM pipeline definition). -#}
with

deals as (

    select * from {{ ref('metrics_pipeline_deals') }}
    where is_open
    -- A deal with no expected close date belongs to no period (none in the demo).
    and expected_close_date is not null

),

final as (

    select
        period_grain,
        {{ metrics_period_start('expected_close_date') }} as expected_close_period_start,
        owner_key,
        deal_stage_id,
        any_value(snapshot_date) as snapshot_date,
        any_value(deal_stage_label) as deal_stage_label,
        any_value(deal_stage_order) as deal_stage_order,
        any_value(stage_probability) as stage_probability,
        count(*) as open_deals,
        sum(amount_usd) as open_amount_usd,
        sum(amount_usd * stage_probability) as weighted_amount_usd
    from deals
    cross join {{ metrics_period_grains() }}
    group by all

)

select * from final
