{#- Deals closed (won or lost) on or before the snapshot date, with the attributes the sales
    marts slice by. The period a deal counts in is its close period (period-based). -#}
with

opportunities as (

    select * from {{ ref('fct_opportunities') }}

),

accounts as (

    select * from {{ ref('int_metrics__account_dimensions') }}

),

owner_teams as (

    select * from {{ ref('dim_owner') }}

),

snapshot as (

    select * from {{ ref('dim_snapshot_date') }}

),

closed as (

    select
        opportunities.opportunity_key,
        opportunities.account_key,
        opportunities.created_at,
        opportunities.closed_at,
        opportunities.outcome,
        opportunities.outcome = 'won' as is_won,
        opportunities.amount,
        opportunities.currency,
        opportunities.amount_usd,
        opportunities.loss_reason,
        opportunities.deal_type,
        opportunities.is_new_business,
        opportunities.pipeline_name,
        {{ metrics_days_between('opportunities.created_at', 'opportunities.closed_at') }}
            as sales_cycle_days,
        {{ sales_slice_value('opportunities.owner_key') }} as owner_key,
        {{ sales_slice_value('owner_teams.primary_team_name') }} as owner_team,
        {{ sales_slice_value('accounts.company_size_band') }} as company_size_band,
        {{ sales_slice_value('accounts.industry') }} as industry,
        -- The deal's source: the channel that first brought its account in.
        {{ sales_slice_value('accounts.first_touch_channel') }} as source_channel
    from opportunities
    left join accounts
        on opportunities.account_key = accounts.account_key
    left join owner_teams
        on opportunities.owner_key = owner_teams.owner_key
    cross join snapshot
    where
        opportunities.outcome in ('won', 'lost')
        and cast(opportunities.closed_at as date) <= snapshot.snapshot_date

)

select * from closed
