{#- How many entered each step of the funnel plan's chain per quarter (UTC, period-based), up
    to the snapshot date, each in its own unit (docs/metrics/funnel.md):
    deals   won_deals (and their USD revenue), proposals (first at the proposal stage, var
            metrics_plan_proposal_stage = proposal_sent, or a later one, closed-won included),
            sql_opportunities (first past the qualification stage: a later open stage or
            won), qualification_calls (first at the qualification stage, var
            metrics_plan_qualification_stage = qualification_call, or later: every deal that
            entered the sales funnel);
    contacts sqls, mqls, leads (first entry, filled as in fct_contact_funnel);
    visitor ids visitors (first seen; the visitor stage of int_metrics__funnel_visitors).
    Deal stages are ordered by sales_stage_order (seed sales_stage_mapping) within the
    deal's pipeline (each pipeline has its own stages and orders); a closed-lost stage is
    no step. Only new-business deals (fct_opportunities.is_new_business) are deal steps:
    expansion and renewal deals are not the funnel the plan sizes (docs/metrics/sales.md). -#}
{%- set qualification_stage = var('metrics_plan_qualification_stage', 'qualification_call') -%}
{%- set proposal_stage = var('metrics_plan_proposal_stage', 'proposal_sent') -%}
with

snapshot as (

    select * from {{ ref('dim_snapshot_date') }}

),

closed_deals as (

    select * from {{ ref('int_metrics__closed_deals') }}
    where is_new_business

),

new_business_deals as (

    select * from {{ ref('fct_opportunities') }}
    where is_new_business

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

visitors as (

    select * from {{ ref('int_metrics__funnel_visitors') }}

),

step_stage_orders as (

    select
        pipeline_id,
        min(sales_stage_order) filter (where sales_stage = '{{ qualification_stage }}')
            as qualification_order,
        min(sales_stage_order) filter (where sales_stage = '{{ proposal_stage }}')
            as proposal_order
    from stages
    group by pipeline_id

),

-- Every entry of a deal into a stage on its way to won (closed-lost is not).
deal_stage_entries as (

    select distinct
        history.opportunity_key,
        new_business_deals.pipeline_id,
        history.valid_from as entered_at,
        stages.sales_stage_order
    from history
    inner join new_business_deals
        on history.opportunity_key = new_business_deals.opportunity_key
    inner join stages
        on
            new_business_deals.pipeline_id = stages.pipeline_id
            and history.deal_stage_id = stages.deal_stage_id
    where coalesce(stages.is_won, false) or not coalesce(stages.is_closed, false)

),

deal_steps as (

    select
        deal_stage_entries.opportunity_key,
        min(deal_stage_entries.entered_at) filter (
            where deal_stage_entries.sales_stage_order >= step_stage_orders.qualification_order
        ) as qualification_call_at,
        min(deal_stage_entries.entered_at) filter (
            where deal_stage_entries.sales_stage_order > step_stage_orders.qualification_order
        ) as sql_opportunity_at,
        min(deal_stage_entries.entered_at) filter (
            where deal_stage_entries.sales_stage_order >= step_stage_orders.proposal_order
        ) as proposal_at
    from deal_stage_entries
    inner join step_stage_orders
        on deal_stage_entries.pipeline_id = step_stage_orders.pipeline_id
    group by deal_stage_entries.opportunity_key

),

step_entries as (

    select
        'won_deals' as funnel_step,
        closed_at as entered_at,
        amount_usd
    from closed_deals
    where is_won
    union all
    select
        'proposals' as funnel_step,
        proposal_at as entered_at,
        null as amount_usd
    from deal_steps
    where proposal_at is not null
    union all
    select
        'sql_opportunities' as funnel_step,
        sql_opportunity_at as entered_at,
        null as amount_usd
    from deal_steps
    where sql_opportunity_at is not null
    union all
    select
        'qualification_calls' as funnel_step,
        qualification_call_at as entered_at,
        null as amount_usd
    from deal_steps
    where qualification_call_at is not null
    union all
    select
        'sqls' as funnel_step,
        sql_at as entered_at,
        null as amount_usd
    from contacts
    where sql_at is not null
    union all
    select
        'mqls' as funnel_step,
        mql_at as entered_at,
        null as amount_usd
    from contacts
    where mql_at is not null
    union all
    select
        'leads' as funnel_step,
        lead_at as entered_at,
        null as amount_usd
    from contacts
    where lead_at is not null
    union all
    select
        'visitors' as funnel_step,
        first_seen_at as entered_at,
        null as amount_usd
    from visitors
    where first_seen_at is not null

),

final as (

    select
        cast(date_trunc('quarter', step_entries.entered_at) as date) as quarter_start,
        step_entries.funnel_step,
        cast(count(*) as bigint) as entries,
        cast(sum(step_entries.amount_usd) as double) as won_revenue_usd
    from step_entries
    cross join snapshot
    where cast(step_entries.entered_at as date) <= snapshot.snapshot_date
    group by all

)

select * from final
