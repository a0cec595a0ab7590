{#- mart_attribution_reconciliation of one attribution scope (macro attribution_scopes): the
    closed loop, per month and model. Every dollar of closed-won revenue (by month of close)
    and of pipeline (by month of creation) is either attributed to touches of the scope or
    reported as unattributed (the deal had no eligible touch in the scope):
        total_amount_usd = attributed_amount_usd + unattributed_amount_usd   (to the cent)
    Totals come straight from fct_opportunities, not from attribution; the attributed side is
    the credited revenue / pipeline that the scope's mart_channel_attribution publishes, so the
    check also proves that what BI users sum in that mart adds up. Every model of the seed
    attribution_models has its row, credited or not. -#}
{% macro attribution_reconciliation_sql(
    scope,
    opportunities,
    conversions,
    conversion_touches,
    attribution_models,
    channel_mart
) -%}
with

opportunities as (

    select
        opportunity_key,
        created_at,
        closed_at,
        is_won,
        amount_usd
    from {{ opportunities }}

),

conversions as (

    select
        conversion_number,
        conversion_stage,
        converted_at,
        conversion_amount_usd
    from {{ conversions }}
    where conversion_stage in ('opportunity', 'closed_won')

),

touched_conversions as (

    select conversion_number
    from {{ conversion_touches }}
    where
        attribution_scope = '{{ scope }}'
        and conversion_stage in ('opportunity', 'closed_won')
        and touch_position = 1

),

attribution_models as (

    select attribution_model from {{ attribution_models }}

),

channel_attribution as (

    select
        month_start,
        conversion_stage,
        attribution_model,
        credited_conversions,
        credited_amount_usd
    from {{ channel_mart }}
    where conversion_stage in ('opportunity', 'closed_won')

),

totals as (

    select
        'opportunity' as conversion_stage,
        cast(date_trunc('month', created_at) as date) as month_start,
        count(*) as conversions,
        coalesce(sum(amount_usd), 0) as total_amount_usd
    from opportunities
    where created_at is not null
    group by 1, 2

    union all

    select
        'closed_won' as conversion_stage,
        cast(date_trunc('month', closed_at) as date) as month_start,
        count(*) as conversions,
        coalesce(sum(amount_usd), 0) as total_amount_usd
    from opportunities
    where is_won and closed_at is not null
    group by 1, 2

),

unattributed as (

    select
        conversions.conversion_stage,
        cast(date_trunc('month', conversions.converted_at) as date) as month_start,
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
        month_start,
        attribution_model,
        sum(credited_conversions) as attributed_conversions,
        sum(credited_amount_usd) as attributed_amount_usd
    from channel_attribution
    group by 1, 2, 3

),

final as (

    select
        totals.conversion_stage,
        totals.month_start,
        attribution_models.attribution_model,
        cast(totals.conversions as bigint) as conversions,
        -- credited conversions sum to the number of touched deals (weights sum to 1)
        cast(coalesce(attributed.attributed_conversions, 0) as double) as attributed_conversions,
        cast(coalesce(unattributed.unattributed_conversions, 0) as bigint)
            as unattributed_conversions,
        cast(round(totals.total_amount_usd, 2) as decimal(18, 2)) as total_amount_usd,
        cast(round(coalesce(attributed.attributed_amount_usd, 0), 2) as decimal(18, 2))
            as attributed_amount_usd,
        cast(round(coalesce(unattributed.unattributed_amount_usd, 0), 2) as decimal(18, 2))
            as unattributed_amount_usd,
        -- Unrounded difference, so that the check does not hide a fraction of a cent.
        cast(
            totals.total_amount_usd
            - coalesce(attributed.attributed_amount_usd, 0)
            - coalesce(unattributed.unattributed_amount_usd, 0) as double
        ) as unreconciled_amount_usd
    from totals
    cross join attribution_models
    left join attributed
        on
            totals.conversion_stage = attributed.conversion_stage
            and totals.month_start = attributed.month_start
            and attribution_models.attribution_model = attributed.attribution_model
    left join unattributed
        on
            totals.conversion_stage = unattributed.conversion_stage
            and totals.month_start = unattributed.month_start

)

select * from final
{%- endmacro %}
