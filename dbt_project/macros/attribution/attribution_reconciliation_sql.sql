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
    channel_mart,
    conversion_stages
) -%}
with

-- The deal stages (SQL, not run_query: the seed is a mocked input in unit tests).
deal_stages as (

    select
        conversion_stage,
        deal_scope,
        canonical_stage = 'customer' as is_won_stage
    from {{ conversion_stages }}
    where converting_record = 'opportunity'

),

opportunities as (

    select
        opportunity_key,
        created_at,
        closed_at,
        is_won,
        amount_usd,
        {{ attribution_deal_scope_sql() }} as deal_scope
    from {{ opportunities }}

),

conversions as (

    select
        conversion_number,
        conversion_stage,
        converted_at,
        conversion_amount_usd
    from {{ conversions }}
    where conversion_stage in (select deal_stages.conversion_stage from deal_stages)

),

touched_conversions as (

    select conversion_number
    from {{ conversion_touches }}
    where
        attribution_scope = '{{ scope }}'
        and conversion_stage in (select deal_stages.conversion_stage from deal_stages)
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
    where conversion_stage in (select deal_stages.conversion_stage from deal_stages)

),

totals as (

    select
        deal_stages.conversion_stage,
        cast(date_trunc(
            'month',
            case when deal_stages.is_won_stage then opportunities.closed_at
                else opportunities.created_at end
        ) as date) as month_start,
        count(*) as conversions,
        coalesce(sum(opportunities.amount_usd), 0) as total_amount_usd
    from opportunities
    inner join deal_stages on opportunities.deal_scope = deal_stages.deal_scope
    where
        case
            when deal_stages.is_won_stage
                then opportunities.is_won and opportunities.closed_at is not null
            else opportunities.created_at is not null
        end
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
