-- Transition counts of the non-converting paths of the deal stages' Markov chains
-- (data_driven), the eligibility rules applied to what did not convert:
--   opportunity  an account that never had a deal: its contacts' touches in the lookback
--                window ending at the as-of time (var attribution_as_of, default the latest
--                touch), inclusive;
--   closed_won   a closed-lost deal: its eligible touches before the close, exactly as a won
--                deal's (open deals have not decided yet and are left out).
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

as_of as (

    select {{ attribution_as_of_sql('touches') }} as as_of_at

),

-- journey_id, stage, contact, end of the window, whether a touch at the end counts.
journeys as (

    select
        'opportunity:' || contacts.account_key as journey_id,
        'opportunity' as conversion_stage,
        contacts.contact_key,
        as_of.as_of_at as ends_at,
        true as includes_end
    from contacts
    cross join as_of
    where
        contacts.account_key is not null
        and not exists (
            select 1 from opportunities
            where opportunities.account_key = contacts.account_key
        )

    union all

    select
        'closed_won:' || opportunities.opportunity_key as journey_id,
        'closed_won' as conversion_stage,
        opportunity_contacts.contact_key,
        opportunities.closed_at as ends_at,
        false as includes_end
    from opportunities
    inner join opportunity_contacts
        on opportunities.opportunity_key = opportunity_contacts.opportunity_key
    where
        opportunities.is_closed and not opportunities.is_won
        and opportunities.closed_at is not null

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
