{#- Deals with their current sales stage (seed sales_stage_mapping), expected close date
    history, close time, outcome and amount in USD. A deal is closed when it entered its
    closing stage (the close date property as fallback); the amount converts at the close
    day's rate, or the creation day's while the deal is open (the currency's last known
    rate when that day's has not arrived: fx_rate_is_estimated). A stage the mapping does
    not know (not a stage of the pipeline) is the sales stage 'unknown'; its outcome then
    comes from the CRM's closed / won flags, else open (docs/resilience.md §1).
    Deal type (seed deal_type_mapping on the CRM's dealtype / Type; unmapped or empty =
    new_business, motion new_logo) and the pipeline's label (stg_crm__deal_pipelines). -#}
with

deals as (

    select * from {{ ref('stg_crm__deals') }}
    -- Archived deals are left out unless the var include_archived is true.
    where {{ hubspot_not_archived('is_archived') }}

),

stage_mapping as (

    select * from {{ ref('sales_stage_mapping') }}

),

deal_type_mapping as (

    select * from {{ ref('deal_type_mapping') }}

),

pipelines as (

    select * from {{ ref('stg_crm__deal_pipelines') }}

),

close_dates as (

    select * from {{ ref('int_opportunities__close_dates') }}

),

property_history as (

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

-- When the deal entered its current stage: for a closed deal, the close.
current_stage_entries as (

    select
        deal_id,
        valid_from as entered_current_stage_at
    from property_history
    where
        property_name = 'dealstage'
        and is_current

),

joined as (

    select
        {{ crm_key('deals.deal_id') }} as opportunity_key,
        deals.deal_id as hubspot_deal_id,
        {{ crm_key('deals.owner_id') }} as owner_key,
        deals.deal_name,
        deals.pipeline_id,
        coalesce(pipelines.pipeline_label, deals.pipeline_id, '(unknown)') as pipeline_name,
        deals.deal_type_raw,
        coalesce(deal_type_mapping.deal_type, 'new_business') as deal_type,
        coalesce(deal_type_mapping.deal_motion, 'new_logo') as deal_motion,
        deals.deal_stage_id,
        coalesce(stage_mapping.sales_stage, 'unknown') as current_stage,
        stage_mapping.sales_stage_order as current_stage_order,
        deals.amount,
        deals.currency_code as currency,
        coalesce(deals.deal_created_at, deals.created_at) as created_at,
        coalesce(close_dates.current_close_date, cast(deals.close_at as date)) as expected_close_date,
        coalesce(close_dates.initial_close_date, cast(deals.close_at as date)) as initial_close_date,
        coalesce(close_dates.close_date_push_count, 0) as close_date_push_count,
        coalesce(stage_mapping.is_closed, deals.is_closed, false) as is_closed,
        coalesce(stage_mapping.is_won, deals.is_closed_won, false) as is_won,
        current_stage_entries.entered_current_stage_at,
        deals.close_at,
        deals.closed_lost_reason,
        deals.is_archived
    from deals
    left join stage_mapping
        on
            deals.source_system = stage_mapping.source_system
            and deals.pipeline_id = stage_mapping.pipeline_id
            and deals.deal_stage_id = stage_mapping.deal_stage_id
    left join deal_type_mapping
        on
            deals.source_system = deal_type_mapping.source_system
            and deals.deal_type_raw = deal_type_mapping.source_value
    left join pipelines
        on
            deals.source_system = pipelines.source_system
            and deals.pipeline_id = pipelines.pipeline_id
    left join close_dates
        on deals.deal_id = close_dates.deal_id
    left join current_stage_entries
        on deals.deal_id = current_stage_entries.deal_id

),

closed as (

    select
        *,
        -- Closed when the deal entered its closing stage; the close date property as fallback.
        case when is_closed then coalesce(entered_current_stage_at, close_at) end as closed_at,
        case when is_won then 'won' when is_closed then 'lost' else 'open' end as outcome
    from joined

),

-- The day whose rate converts the amount: the close day, else the creation day.
fx_days as (

    select
        *,
        cast(coalesce(closed_at, created_at) as date) as fx_day
    from closed

),

final as (

    select
        closed.opportunity_key,
        closed.hubspot_deal_id,
        closed.owner_key,
        closed.deal_name,
        closed.pipeline_id,
        closed.pipeline_name,
        closed.deal_type_raw,
        closed.deal_type,
        closed.deal_motion,
        closed.deal_type = 'new_business' as is_new_business,
        closed.amount,
        closed.currency,
        -- Close day's rate for closed deals, creation day's for open ones.
        cast(round(
            closed.amount * {{ fx_rate_to_usd('closed.currency', 'fx_rates') }}, 2
        ) as decimal(18, 2)) as amount_usd,
        closed.fx_day as amount_usd_fx_date,
        {{ fx_rate_date('closed.currency', 'closed.fx_day', 'fx_rates') }} as fx_rate_date,
        {{ fx_rate_is_estimated('closed.currency', 'closed.fx_day', 'fx_rates') }} as fx_rate_is_estimated,
        closed.created_at,
        closed.expected_close_date,
        closed.initial_close_date,
        closed.closed_at,
        closed.is_closed,
        closed.is_won,
        closed.outcome,
        case when closed.outcome = 'lost' then closed.closed_lost_reason end as loss_reason,
        closed.current_stage,
        closed.current_stage_order,
        closed.deal_stage_id,
        closed.close_date_push_count,
        case when closed.is_closed then date_diff('second', closed.created_at, closed.closed_at) / 86400.0 end
            as sales_cycle_days,
        closed.entered_current_stage_at,
        closed.is_archived
    from fx_days as closed
    cross join fx_span
    left join fx_rates
        on
            closed.currency = fx_rates.currency_code
            and {{ fx_rate_day('closed.fx_day', 'fx_span') }} = fx_rates.date_day

)

select * from final
