{#- Deals as published: int_opportunities__deals (stage, close, outcome, USD amount) with
    the deal's account (int_opportunities__accounts) and its buying group's size and BANT
    (int_opportunities__buying_groups), then the custom deal fields of the seed custom_fields
    (int_opportunities__custom_fields: one column per alias, none by default). -#}
{{ custom_field_clash_check(
    ref('int_opportunities__custom_fields'), 'opportunity_key',
    [ref('int_opportunities__deals'), ref('int_opportunities__accounts'), ref('int_opportunities__buying_groups')]
) }}
with

deals as (

    select * from {{ ref('int_opportunities__deals') }}

),

accounts as (

    select * from {{ ref('int_opportunities__accounts') }}

),

buying_groups as (

    select * from {{ ref('int_opportunities__buying_groups') }}

),

custom_fields as (

    select * from {{ ref('int_opportunities__custom_fields') }}

),

final as (

    select
        deals.opportunity_key,
        deals.hubspot_deal_id,
        accounts.account_key,
        deals.owner_key,
        deals.deal_name,
        deals.pipeline_id,
        deals.amount,
        deals.currency,
        deals.amount_usd,
        deals.amount_usd_fx_date,
        deals.fx_rate_date,
        deals.fx_rate_is_estimated,
        deals.created_at,
        deals.expected_close_date,
        deals.initial_close_date,
        deals.closed_at,
        deals.is_closed,
        deals.is_won,
        deals.outcome,
        deals.loss_reason,
        deals.current_stage,
        deals.current_stage_order,
        deals.deal_stage_id,
        deals.close_date_push_count,
        buying_groups.bant_budget,
        buying_groups.bant_authority,
        buying_groups.bant_need,
        buying_groups.bant_timeline,
        coalesce(buying_groups.buying_group_size, 0) as buying_group_size,
        deals.sales_cycle_days,
        deals.is_archived,
        custom_fields.* exclude (custom_fields.opportunity_key)
    from deals
    left join accounts
        on deals.opportunity_key = accounts.opportunity_key
    left join buying_groups
        on deals.opportunity_key = buying_groups.opportunity_key
    left join custom_fields
        on deals.opportunity_key = custom_fields.opportunity_key

)

select * from final
