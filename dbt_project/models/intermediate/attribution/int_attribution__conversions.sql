-- Every conversion that attribution credits, one row each, at the stages of the seed
-- attribution_conversion_stages (DESIGN §4). Contact stages convert when the contact first
-- entered the stage (fct_contact_funnel, skipped stages filled from the next stage reached: the
-- stage was entered no later than that, so the conversion counts, flagged by
-- is_inferred_conversion_time). Deals convert at creation (pipeline) and at a won close
-- (revenue); new-business deals and existing customers' expansion and renewal deals at
-- stages of their own (seed column deal_scope). A deal's lead-creation anchor depends on the
-- contacts it credits, so int_attribution__conversion_touches sets it.
{%- set contact_stages = attribution_contact_stages(ref('attribution_conversion_stages')) %}

with

contacts as (

    select * from {{ ref('fct_contact_funnel') }}

),

opportunities as (

    select * from {{ ref('fct_opportunities') }}

),

conversion_stages as (

    select * from {{ ref('attribution_conversion_stages') }}

),

contact_conversions as (

    {% for stage in contact_stages %}
        select
            '{{ stage.conversion_stage }}' as conversion_stage,
            contact_key,
            cast(null as varchar) as opportunity_key,
            account_key,
            {{ stage.canonical_stage }}_at as converted_at,
            coalesce({{ stage.canonical_stage }}_is_inferred, false) as is_inferred_conversion_time,
            lead_at as lead_created_at,
            cast(null as timestamp) as opportunity_created_at,
            cast(null as double) as conversion_amount_usd
        from contacts
        where {{ stage.canonical_stage }}_at is not null
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

-- A deal without an amount converts for 0, so that pipeline and revenue totals reconcile
-- with sum(amount_usd) (which skips NULLs) to the cent. Each deal stage of the seed converts
-- the deals of its deal_scope: new business (opportunity, closed_won) or an existing
-- customer's expansion and renewal deals (expansion_opportunity, expansion_won).
opportunity_conversions as (

    select
        deal_stages.conversion_stage,
        cast(null as varchar) as contact_key,
        opportunities.opportunity_key,
        opportunities.account_key,
        case
            when deal_stages.canonical_stage = 'customer' then opportunities.closed_at
            else opportunities.created_at
        end as converted_at,
        false as is_inferred_conversion_time,
        cast(null as timestamp) as lead_created_at,
        opportunities.created_at as opportunity_created_at,
        cast(coalesce(opportunities.amount_usd, 0) as double) as conversion_amount_usd
    from opportunities
    inner join conversion_stages as deal_stages
        on
            deal_stages.converting_record = 'opportunity'
            and {{ attribution_deal_scope_sql('opportunities') }} = deal_stages.deal_scope
    where
        case
            when deal_stages.canonical_stage = 'customer'
                then opportunities.is_won and opportunities.closed_at is not null
            else opportunities.created_at is not null
        end

),

unioned as (

    select * from contact_conversions
    union all
    select * from opportunity_conversions

),

-- Only the stages of the seed convert; it also gives each stage its order.
keyed as (

    select
        unioned.conversion_stage || ':'
        || coalesce(unioned.opportunity_key, unioned.contact_key) as conversion_id,
        unioned.conversion_stage,
        conversion_stages.conversion_stage_order,
        unioned.contact_key,
        unioned.opportunity_key,
        unioned.account_key,
        unioned.converted_at,
        unioned.is_inferred_conversion_time,
        unioned.lead_created_at,
        unioned.opportunity_created_at,
        unioned.conversion_amount_usd
    from unioned
    inner join conversion_stages on unioned.conversion_stage = conversion_stages.conversion_stage

),

-- conversion_number: an integer surrogate of conversion_id (its rank), so that the large
-- eligible-touch table stores and partitions on an integer instead of the string.
final as (

    select
        conversion_id,
        row_number() over (order by conversion_id) as conversion_number,
        * exclude (conversion_id)
    from keyed

)

select * from final
