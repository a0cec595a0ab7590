{#- Deals as published: int_opportunities__deals (stage, close, outcome) with the deal's
    account (int_opportunities__accounts) and its buying group's size and BANT
    (int_opportunities__buying_groups), then the custom deal fields of the seed custom_fields
    (int_opportunities__custom_fields: one column per alias, none by default).
    amount_usd is the deal's only USD amount (docs/bi-contract.md §6): a closed deal at the
    rate of its close day, an open one at the rate of the snapshot day (var snapshot_date,
    default the latest data date; macro sales_snapshot_date). -#}
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

-- Read by macro sales_snapshot_date (the latest data date) unless var snapshot_date is set.
property_history as (  -- noqa: ST03

    select * from {{ ref('int_deals__property_history') }}

),

fx_rates as (

    select * from {{ ref('int_fx_rates') }}

),

fx_span as (

    select
        min(date_day) as first_day,
        max(date_day) as last_day
    from fx_rates

),

snapshot as (

    {{ sales_snapshot_date('deals', 'property_history') }}

),

-- The day whose rate converts the amount: the close day, else (open, or closed without a
-- close time) the snapshot day.
fx_days as (

    select
        deals.opportunity_key,
        deals.currency,
        deals.amount,
        coalesce(cast(deals.closed_at as date), snapshot.snapshot_date) as fx_day
    from deals
    cross join snapshot

),

amounts as (

    select
        fx_days.opportunity_key,
        {{ sales_amount_usd('fx_days.amount', 'fx_days.currency', 'fx_rates') }} as amount_usd,
        {{ fx_rate_date('fx_days.currency', 'fx_days.fx_day', 'fx_rates') }} as fx_rate_date,
        {{ fx_rate_is_estimated('fx_days.currency', 'fx_days.fx_day', 'fx_rates') }}
            as fx_rate_is_estimated
    from fx_days
    cross join fx_span
    left join fx_rates
        on
            fx_days.currency = fx_rates.currency_code
            and {{ fx_rate_day('fx_days.fx_day', 'fx_span') }} = fx_rates.date_day

),

final as (

    select
        deals.opportunity_key,
        deals.hubspot_deal_id,
        accounts.account_key,
        deals.owner_key,
        deals.deal_name,
        deals.pipeline_id,
        deals.pipeline_name,
        deals.deal_type,
        deals.deal_motion,
        deals.is_new_business,
        deals.amount,
        deals.currency,
        amounts.amount_usd,
        amounts.fx_rate_date,
        amounts.fx_rate_is_estimated,
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
    inner join amounts
        on deals.opportunity_key = amounts.opportunity_key
    left join accounts
        on deals.opportunity_key = accounts.opportunity_key
    left join buying_groups
        on deals.opportunity_key = buying_groups.opportunity_key
    left join custom_fields
        on deals.opportunity_key = custom_fields.opportunity_key

)

select * from final
