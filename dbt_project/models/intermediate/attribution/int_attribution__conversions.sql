-- Every conversion that attribution credits, one row each, at the five stages of DESIGN §4.
-- Contact stages convert when the contact first entered the stage (fct_contact_funnel,
-- skipped stages filled from the next stage reached: the stage was entered no later than
-- that, so the conversion counts, flagged by is_inferred_conversion_time). Deals convert at
-- creation (pipeline) and at a won close (revenue).

with

contacts as (

    select
        contact_key,
        account_key,
        lead_at,
        mql_at,
        sql_at,
        lead_is_inferred,
        mql_is_inferred,
        sql_is_inferred
    from {{ ref('fct_contact_funnel') }}

),

opportunities as (

    select
        opportunity_key,
        account_key,
        created_at,
        closed_at,
        is_won,
        -- A deal without an amount converts for 0, so that pipeline and revenue totals
        -- reconcile with sum(amount_usd) (which skips NULLs) to the cent.
        coalesce(amount_usd, 0) as amount_usd
    from {{ ref('fct_opportunities') }}

),

opportunity_contacts as (

    select * from {{ ref('int_attribution__opportunity_contacts') }}

),

-- A deal's lead creation is its buying group's: the earliest lead_at among the contacts
-- whose touches the deal can credit (an account enters a stage when its first contact does).
opportunity_lead_creation as (

    select
        opportunity_contacts.opportunity_key,
        min(contacts.lead_at) as lead_created_at
    from opportunity_contacts
    inner join contacts on opportunity_contacts.contact_key = contacts.contact_key
    group by opportunity_contacts.opportunity_key

),

contact_conversions as (

    {% for stage in ['lead', 'mql', 'sql'] %}
        select
            '{{ stage }}' as conversion_stage,
            {{ loop.index }} as conversion_stage_order,
            contact_key,
            cast(null as varchar) as opportunity_key,
            account_key,
            {{ stage }}_at as converted_at,
            coalesce({{ stage }}_is_inferred, false) as is_inferred_conversion_time,
            lead_at as lead_created_at,
            cast(null as timestamp) as opportunity_created_at,
            cast(null as double) as conversion_amount_usd
        from contacts
        where {{ stage }}_at is not null
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

opportunity_conversions as (

    select
        'opportunity' as conversion_stage,
        4 as conversion_stage_order,
        cast(null as varchar) as contact_key,
        opportunities.opportunity_key,
        opportunities.account_key,
        opportunities.created_at as converted_at,
        false as is_inferred_conversion_time,
        opportunity_lead_creation.lead_created_at,
        opportunities.created_at as opportunity_created_at,
        cast(opportunities.amount_usd as double) as conversion_amount_usd
    from opportunities
    left join opportunity_lead_creation
        on opportunities.opportunity_key = opportunity_lead_creation.opportunity_key
    where opportunities.created_at is not null

    union all

    select
        'closed_won' as conversion_stage,
        5 as conversion_stage_order,
        cast(null as varchar) as contact_key,
        opportunities.opportunity_key,
        opportunities.account_key,
        opportunities.closed_at as converted_at,
        false as is_inferred_conversion_time,
        opportunity_lead_creation.lead_created_at,
        opportunities.created_at as opportunity_created_at,
        cast(opportunities.amount_usd as double) as conversion_amount_usd
    from opportunities
    left join opportunity_lead_creation
        on opportunities.opportunity_key = opportunity_lead_creation.opportunity_key
    where opportunities.is_won and opportunities.closed_at is not null

),

unioned as (

    select * from contact_conversions
    union all
    select * from opportunity_conversions

),

keyed as (

    select
        conversion_stage || ':' || coalesce(opportunity_key, contact_key) as conversion_id,
        *
    from unioned

)

-- conversion_number: an integer surrogate of conversion_id (its rank), so that the large
-- eligible-touch table stores and partitions on an integer instead of the string.
select
    conversion_id,
    row_number() over (order by conversion_id) as conversion_number,
    * exclude (conversion_id)
from keyed
