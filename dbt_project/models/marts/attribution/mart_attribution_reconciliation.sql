-- The closed loop, per month and model: every dollar of closed-won revenue (by month of
-- close) and of pipeline (by month of creation) is either attributed to touches or reported
-- as unattributed (the deal had no eligible touch):
--     total_amount_usd = attributed_amount_usd + unattributed_amount_usd   (to the cent)
-- Totals come straight from fct_opportunities, not from attribution; the attributed side is
-- the credited revenue / pipeline that mart_channel_attribution publishes, so the check also
-- proves that what BI users sum in that mart adds up. Every model of the seed attribution_models
-- has its row, credited or not.

with

opportunities as (

    select
        opportunity_key,
        created_at,
        closed_at,
        is_won,
        amount_usd
    from {{ ref('fct_opportunities') }}

),

conversions as (

    select
        conversion_number,
        conversion_stage,
        converted_at,
        conversion_amount_usd
    from {{ ref('int_attribution__conversions') }}
    where conversion_stage in ('opportunity', 'closed_won')

),

touched_conversions as (

    select conversion_number
    from {{ ref('int_attribution__conversion_touches') }}
    where conversion_stage in ('opportunity', 'closed_won') and touch_position = 1

),

attribution_models as (

    select attribution_model from {{ ref('attribution_models') }}

),

channel_attribution as (

    select
        period_month,
        conversion_stage,
        attribution_model,
        credited_conversions,
        credited_amount_usd
    from {{ ref('mart_channel_attribution') }}
    where conversion_stage in ('opportunity', 'closed_won')

),

totals as (

    select
        'opportunity' as conversion_stage,
        cast(date_trunc('month', created_at) as date) as period_month,
        count(*) as conversions,
        coalesce(sum(amount_usd), 0) as total_amount_usd
    from opportunities
    where created_at is not null
    group by 1, 2

    union all

    select
        'closed_won' as conversion_stage,
        cast(date_trunc('month', closed_at) as date) as period_month,
        count(*) as conversions,
        coalesce(sum(amount_usd), 0) as total_amount_usd
    from opportunities
    where is_won and closed_at is not null
    group by 1, 2

),

unattributed as (

    select
        conversions.conversion_stage,
        cast(date_trunc('month', conversions.converted_at) as date) as period_month,
        count(*) as unattributed_conversions,
        sum(conversions.conversion_amount_usd) as unattributed_amount_usd
    from conversions
    where
        not exists (
            select 1 from touched_conversions
            where touched_conversions.conversion_number = conversions.conversion_number
        )
    group by 1, 2

),

attributed as (

    select
        conversion_stage,
        period_month,
        attribution_model,
        sum(credited_conversions) as attributed_conversions,
        sum(credited_amount_usd) as attributed_amount_usd
    from channel_attribution
    group by 1, 2, 3

),

final as (

    select
        totals.conversion_stage,
        totals.period_month,
        attribution_models.attribution_model,
        totals.conversions,
        -- credited conversions sum to the number of touched deals (weights sum to 1)
        coalesce(attributed.attributed_conversions, 0) as attributed_conversions,
        coalesce(unattributed.unattributed_conversions, 0) as unattributed_conversions,
        round(totals.total_amount_usd, 2) as total_amount_usd,
        round(coalesce(attributed.attributed_amount_usd, 0), 2) as attributed_amount_usd,
        round(coalesce(unattributed.unattributed_amount_usd, 0), 2) as unattributed_amount_usd,
        -- Unrounded difference, so that the check does not hide a fraction of a cent.
        totals.total_amount_usd
        - coalesce(attributed.attributed_amount_usd, 0)
        - coalesce(unattributed.unattributed_amount_usd, 0) as unreconciled_amount_usd
    from totals
    cross join attribution_models
    left join attributed
        on
            totals.conversion_stage = attributed.conversion_stage
            and totals.period_month = attributed.period_month
            and attribution_models.attribution_model = attributed.attribution_model
    left join unattributed
        on
            totals.conversion_stage = unattributed.conversion_stage
            and totals.period_month = unattributed.period_month

)

select * from final
