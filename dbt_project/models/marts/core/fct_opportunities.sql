with

deals as (

    select * from {{ ref('stg_hubspot__deals') }}

),

stage_mapping as (

    select * from {{ ref('sales_stage_mapping') }}
    where source_system = 'hubspot'

),

close_dates as (

    select * from {{ ref('int_opportunities__close_dates') }}

),

-- When the deal entered its current stage: for a closed deal, the close.
current_stage_entries as (

    select
        deal_id,
        valid_from as entered_current_stage_at
    from {{ ref('stg_hubspot__deal_property_history') }}
    where
        property_name = 'dealstage'
        and is_current

),

buying_group as (

    select
        buying_group.opportunity_key,
        buying_group.contact_key,
        buying_group.role,
        contacts.has_bant_budget,
        contacts.has_bant_authority,
        contacts.has_bant_need,
        contacts.has_bant_timeline
    from {{ ref('int_opportunities__contacts') }} as buying_group
    left join {{ ref('stg_hubspot__contacts') }} as contacts
        on buying_group.contact_key = 'hs_' || contacts.contact_id

),

-- BANT is qualified on contacts at SQL; the deal has it when any buyer was confirmed.
buying_group_bant as (

    select
        opportunity_key,
        bool_or(has_bant_budget) as bant_budget,
        bool_or(has_bant_authority) as bant_authority,
        bool_or(has_bant_need) as bant_need,
        bool_or(has_bant_timeline) as bant_timeline,
        count(*) as buying_group_size
    from buying_group
    group by opportunity_key

),

-- A deal associated with several companies still belongs to one account: the lowest
-- company id that exists; without any, the account of its strongest buyer.
company_accounts as (

    select
        'hs_' || deal_companies.deal_id as opportunity_key,
        'hs_' || min(deal_companies.company_id) as account_key
    from {{ ref('stg_hubspot__deal_companies') }} as deal_companies
    inner join {{ ref('stg_hubspot__companies') }} as companies
        on deal_companies.company_id = companies.company_id
    group by deal_companies.deal_id

),

buyer_accounts as (

    select
        buying_group.opportunity_key,
        contact_accounts.account_key
    from buying_group
    inner join {{ ref('int_contacts__accounts') }} as contact_accounts
        on buying_group.contact_key = contact_accounts.contact_key
    where contact_accounts.account_key is not null
    qualify row_number() over (
        partition by buying_group.opportunity_key
        order by buying_group.role = 'Decision Maker' desc, buying_group.contact_key
    ) = 1

),

fx_rates as (

    select * from {{ ref('stg_targets__fx_rates') }}

),

joined as (

    select
        'hs_' || deals.deal_id as opportunity_key,
        deals.deal_id as hubspot_deal_id,
        'hs_' || deals.owner_id as owner_key,
        deals.deal_name,
        deals.pipeline_id,
        deals.deal_stage_id,
        stage_mapping.sales_stage as current_stage,
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
            deals.pipeline_id = stage_mapping.pipeline_id
            and deals.deal_stage_id = stage_mapping.deal_stage_id
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

final as (

    select
        closed.opportunity_key,
        closed.hubspot_deal_id,
        coalesce(company_accounts.account_key, buyer_accounts.account_key) as account_key,
        closed.owner_key,
        closed.deal_name,
        closed.pipeline_id,
        closed.amount,
        closed.currency,
        -- Close day's rate for closed deals, creation day's for open ones.
        cast(round(closed.amount * case
            when closed.currency = '{{ var("reporting_currency") }}' then 1
            else fx_rates.rate_to_usd
        end, 2) as decimal(18, 2)) as amount_usd,
        cast(coalesce(closed.closed_at, closed.created_at) as date) as amount_usd_fx_date,
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
        buying_group_bant.bant_budget,
        buying_group_bant.bant_authority,
        buying_group_bant.bant_need,
        buying_group_bant.bant_timeline,
        coalesce(buying_group_bant.buying_group_size, 0) as buying_group_size,
        case when closed.is_closed then date_diff('second', closed.created_at, closed.closed_at) / 86400.0 end
            as sales_cycle_days,
        closed.is_archived
    from closed
    left join company_accounts
        on closed.opportunity_key = company_accounts.opportunity_key
    left join buyer_accounts
        on closed.opportunity_key = buyer_accounts.opportunity_key
    left join buying_group_bant
        on closed.opportunity_key = buying_group_bant.opportunity_key
    left join fx_rates
        on
            cast(coalesce(closed.closed_at, closed.created_at) as date) = fx_rates.date_day
            and closed.currency = fx_rates.currency_code

)

select * from final
