{#- Deals past the stage where BANT must be confirmed but lacking a confirmed budget or
    authority (docs/metrics/stalled.md, docs/playbook.md §5). Checked deals: those open at
    the as-of time (dim_snapshot_date) in a stage at or after their pipeline's check stage,
    and the deals won by then (an audit of what was sold unqualified). The check stage of a
    pipeline is its first stage (lowest sales_stage_order in seed sales_stage_mapping)
    among var bant_prerequisite_stages (default demo_scheduled, proposal_sent): demo
    scheduled in the sales pipeline, proposal sent in the expansion pipeline. BANT is that
    of the deal's buying group (fct_opportunities.bant_*; not confirmed = not true). -#}
{%- set check_stages = var('bant_prerequisite_stages', ['demo_scheduled', 'proposal_sent']) -%}
{%- set check_stage_list = "'" ~ (check_stages | join("', '")) ~ "'" -%}
with

snapshot as (

    select * from {{ ref('dim_snapshot_date') }}

),

opportunities as (

    select * from {{ ref('fct_opportunities') }}

),

owners as (

    select * from {{ ref('dim_owner') }}

),

check_stages as (

    select
        cast(pipeline_id as varchar) as pipeline_id,
        min(sales_stage_order) as check_stage_order
    from {{ ref('sales_stage_mapping') }}
    where sales_stage in ({{ check_stage_list }})
    group by 1

),

open_deals as (

    select
        stays.opportunity_key,
        true as is_open,
        stays.pipeline_id,
        stays.stage,
        stays.stage_order
    from {{ ref('int_metrics__stalled_deal_stays') }} as stays
    inner join check_stages
        on stays.pipeline_id = check_stages.pipeline_id
    where stays.is_open and stays.stage_order >= check_stages.check_stage_order

),

won_deals as (

    select
        opportunities.opportunity_key,
        false as is_open,
        coalesce(cast(opportunities.pipeline_id as varchar), '(unknown)') as pipeline_id,
        opportunities.current_stage as stage,
        opportunities.current_stage_order as stage_order
    from opportunities
    cross join snapshot
    where
        opportunities.is_won
        and coalesce(opportunities.closed_at < snapshot.snapshot_end_at, true)

),

checked as (

    select * from open_deals
    union all
    select * from won_deals

),

flags as (

    select
        checked.*,
        opportunities.deal_name,
        opportunities.owner_key,
        opportunities.account_key,
        opportunities.amount_usd,
        not coalesce(opportunities.bant_budget, false) as missing_budget,
        not coalesce(opportunities.bant_authority, false) as missing_authority,
        not coalesce(opportunities.bant_need, false) as missing_need,
        not coalesce(opportunities.bant_timeline, false) as missing_timeline
    from checked
    inner join opportunities
        on checked.opportunity_key = opportunities.opportunity_key

),

final as (

    select
        flags.opportunity_key,
        flags.deal_name,
        {{ sales_slice_value('flags.owner_key') }} as owner_key,
        coalesce(owners.full_name, '(unknown)') as owner_name,
        flags.account_key,
        flags.pipeline_id,
        flags.stage,
        cast(flags.stage_order as integer) as stage_order,
        flags.is_open,
        snapshot.snapshot_date,
        flags.missing_budget,
        flags.missing_authority,
        flags.missing_need,
        flags.missing_timeline,
        concat_ws(
            ', ',
            case when flags.missing_budget then 'budget' end,
            case when flags.missing_authority then 'authority' end,
            case when flags.missing_need then 'need' end,
            case when flags.missing_timeline then 'timeline' end
        ) as missing_prerequisites,
        cast(flags.missing_budget as integer) + cast(flags.missing_authority as integer)
        + cast(flags.missing_need as integer) + cast(flags.missing_timeline as integer)
            as missing_prerequisite_count,
        cast(flags.amount_usd as decimal(18, 2)) as amount_usd
    from flags
    cross join snapshot
    left join owners
        on {{ sales_slice_value('flags.owner_key') }} = owners.owner_key
    where flags.missing_budget or flags.missing_authority

)

select * from final
