-- Transition counts of the non-converting paths of the deal stages' Markov chains
-- (data_driven), the eligibility rules applied to what did not convert, per deal stage of seed
-- attribution_conversion_stages (its deal_scope):
--   a creation stage (opportunity; expansion_opportunity)  an account that never had a deal
--                of the scope (for existing_customer: a customer account, one with a won
--                new-business deal): its contacts' touches in the lookback window ending at
--                the as-of time (var attribution_as_of, default the latest touch), inclusive;
--   a won stage (closed_won; expansion_won)  a closed-lost deal of the scope: its eligible
--                touches before the close, exactly as a won deal's (open deals have not
--                decided yet and are left out).
-- Each journey's path ends in (null). Journeys without an eligible touch are not paths. One
-- chain per attribution scope (its touches).
{%- set lookback_days = attribution_lookback_days() %}

with

touches as (

    select * from {{ ref('int_attribution__countable_touches') }}

),

contacts as (

    select * from {{ ref('fct_contact_funnel') }}

),

opportunities as (

    select * from {{ ref('fct_opportunities') }}

),

opportunity_contacts as (

    select * from {{ ref('int_attribution__opportunity_contacts') }}

),

deal_stages as (

    select
        conversion_stage,
        canonical_stage,
        deal_scope
    from {{ ref('attribution_conversion_stages') }}
    where converting_record = 'opportunity'

),

as_of as (

    select {{ attribution_as_of_sql('touches') }} as as_of_at

),

scoped_opportunities as (

    select
        *,
        {{ attribution_deal_scope_sql('opportunities') }} as deal_scope
    from opportunities

),

customer_accounts as (

    select distinct account_key
    from scoped_opportunities
    where deal_scope = 'new_business' and is_won and account_key is not null

),

-- The accounts that have (had) a deal of each scope.
account_scopes as (

    select distinct
        account_key,
        deal_scope
    from scoped_opportunities
    where account_key is not null

),

-- journey_id, stage, contact, end of the window, whether a touch at the end counts: the
-- closed-lost deals of each won stage's scope, then the accounts without a deal of each
-- creation stage's scope.
journeys as (

    select
        deal_stages.conversion_stage || ':' || scoped_opportunities.opportunity_key
            as journey_id,
        deal_stages.conversion_stage,
        opportunity_contacts.contact_key,
        scoped_opportunities.closed_at as ends_at,
        false as includes_end
    from scoped_opportunities
    inner join deal_stages
        on
            scoped_opportunities.deal_scope = deal_stages.deal_scope
            and deal_stages.canonical_stage = 'customer'
    inner join opportunity_contacts
        on scoped_opportunities.opportunity_key = opportunity_contacts.opportunity_key
    where
        scoped_opportunities.is_closed
        and not scoped_opportunities.is_won
        and scoped_opportunities.closed_at is not null

    union all

    select
        deal_stages.conversion_stage || ':' || contacts.account_key as journey_id,
        deal_stages.conversion_stage,
        contacts.contact_key,
        as_of.as_of_at as ends_at,
        true as includes_end
    from contacts
    cross join as_of
    inner join deal_stages
        on deal_stages.canonical_stage != 'customer'
    left join customer_accounts
        on contacts.account_key = customer_accounts.account_key
    left join account_scopes
        on
            contacts.account_key = account_scopes.account_key
            and deal_stages.deal_scope = account_scopes.deal_scope
    where
        contacts.account_key is not null
        and account_scopes.account_key is null
        and (
            deal_stages.deal_scope != 'existing_customer'
            or customer_accounts.account_key is not null
        )

),

journey_touches as (

    select
        touches.attribution_scope,
        journeys.conversion_stage,
        journeys.journey_id,
        touches.channel,
        lag(touches.channel) over ordered_touches as previous_channel,
        lead(touches.channel) over ordered_touches is null as is_last_touch
    from journeys
    inner join touches
        on
            journeys.contact_key = touches.contact_key
            and (
                journeys.ends_at > touches.touched_at
                or (journeys.includes_end and journeys.ends_at = touches.touched_at)
            )
            and touches.touched_at >= journeys.ends_at - interval '{{ lookback_days }} days'
    window ordered_touches as (
        partition by touches.attribution_scope, journeys.journey_id
        order by touches.touched_at, touches.touchpoint_id
    )

),

journey_steps as (

    select
        attribution_scope,
        conversion_stage,
        coalesce(previous_channel, '(start)') as from_state,
        channel as to_state
    from journey_touches

    union all

    select
        attribution_scope,
        conversion_stage,
        channel as from_state,
        '(null)' as to_state
    from journey_touches
    where is_last_touch

),

final as (

    select
        attribution_scope,
        conversion_stage,
        from_state,
        to_state,
        count(*) as transitions
    from journey_steps
    group by attribution_scope, conversion_stage, from_state, to_state

)

select * from final
