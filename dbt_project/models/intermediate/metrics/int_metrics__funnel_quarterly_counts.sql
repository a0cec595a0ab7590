{#- How many records entered each reverse-funnel step per quarter (period-based), up to the
    snapshot date: won deals (and their revenue), proposals (deals first reaching the
    proposal stage, var metrics_proposal_stage_id, or any later open stage or closed-won),
    SQLs, MQLs, leads (contacts, first entry) and visitors (contacts' first visit plus
    visitors never identified, by anonymous id). -#}
{%- set proposal_stage = var('metrics_proposal_stage_id', 'proposalsent') -%}
with

snapshot as (

    select * from {{ ref('dim_snapshot_date') }}

),

closed_deals as (

    select * from {{ ref('int_metrics__closed_deals') }}

),

history as (

    select * from {{ ref('fct_opportunity_property_history') }}
    where property_name = 'dealstage'

),

stages as (

    select * from {{ ref('dim_sales_stages') }}

),

contacts as (

    select * from {{ ref('fct_contact_funnel') }}

),

touchpoints as (

    select * from {{ ref('fct_touchpoints') }}

),

proposal_order as (

    select min(display_order) as display_order
    from stages
    where deal_stage_id = '{{ proposal_stage }}'

),

proposals as (

    select
        history.opportunity_key,
        min(history.valid_from) as entered_at
    from history
    inner join stages
        on history.deal_stage_id = stages.deal_stage_id
    cross join proposal_order
    where
        stages.display_order >= proposal_order.display_order
        and (not coalesce(stages.is_closed, false) or stages.probability >= 1)
    group by history.opportunity_key

),

anonymous_visitors as (

    select
        anonymous_id,
        min(touched_at) as entered_at
    from touchpoints
    where contact_key is null and anonymous_id is not null
    group by anonymous_id

),

step_entries as (

    select
        1 as step_order,
        'won_deals' as funnel_step,
        closed_at as entered_at,
        amount_usd
    from closed_deals
    where is_won
    union all
    select
        2 as step_order,
        'proposals' as funnel_step,
        entered_at,
        null as amount_usd
    from proposals
    union all
    select
        3 as step_order,
        'sqls' as funnel_step,
        sql_at as entered_at,
        null as amount_usd
    from contacts
    where sql_at is not null
    union all
    select
        4 as step_order,
        'mqls' as funnel_step,
        mql_at as entered_at,
        null as amount_usd
    from contacts
    where mql_at is not null
    union all
    select
        5 as step_order,
        'leads' as funnel_step,
        lead_at as entered_at,
        null as amount_usd
    from contacts
    where lead_at is not null
    union all
    select
        6 as step_order,
        'visitors' as funnel_step,
        visitor_at as entered_at,
        null as amount_usd
    from contacts
    where visitor_at is not null
    union all
    select
        6 as step_order,
        'visitors' as funnel_step,
        entered_at,
        null as amount_usd
    from anonymous_visitors

),

final as (

    select
        cast(date_trunc('quarter', step_entries.entered_at) as date) as quarter_start,
        step_entries.funnel_step,
        min(step_entries.step_order) as step_order,
        count(*) as entries,
        sum(step_entries.amount_usd) as won_revenue_usd
    from step_entries
    cross join snapshot
    where cast(step_entries.entered_at as date) <= snapshot.snapshot_date
    group by all

)

select * from final
