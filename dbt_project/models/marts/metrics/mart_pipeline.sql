{#- Open pipeline as of the snapshot date (var `snapshot_date`, default the latest data
    date) by expected close month, rep, pipeline and deal stage: deals, amount and weighted
    amount (amount × the stage probability from the CRM pipeline definition). Additive
    over months, reps, pipelines and stages. -#}
with

deals as (

    select * from {{ ref('int_metrics__pipeline_deals') }}
    where is_open
    -- A deal with no expected close date belongs to no month (none in the demo).
    and expected_close_date is not null

),

final as (

    select
        cast(date_trunc('month', expected_close_date) as date) as month_start,
        owner_key,
        pipeline_name,
        deal_stage_id,
        min(snapshot_date) as snapshot_date,
        min(deal_stage_label) as deal_stage_label,
        cast(min(deal_stage_order) as bigint) as deal_stage_order,
        cast(min(stage_probability) as double) as stage_probability,
        {{ sales_count_if() }} as open_deals,
        {{ sales_usd_sum('amount_usd') }} as open_amount_usd,
        cast(coalesce(sum(amount_usd * stage_probability), 0) as double) as weighted_amount_usd
    from deals
    group by all

)

select * from final
