-- Transition counts of the first-order Markov chain behind data_driven, one chain per
-- conversion stage: (start) -> channel -> ... -> channel -> (conversion) | (null).
--
-- Converting paths: the eligible touches of each conversion (int_attribution__conversion_touches).
-- Non-converting paths, the same eligibility rules applied to what did not convert:
--   lead / mql / sql  a contact that never entered the stage: its touches in the lookback
--                     window ending at the as-of time (var attribution_as_of, default the
--                     latest touch), inclusive;
--   opportunity       an account that never had a deal: its contacts' touches, same window;
--   closed_won        a closed-lost deal: its eligible touches before the close, exactly as
--                     a won deal's (open deals have not decided yet and are left out).
-- Journeys without any eligible touch are not paths (nothing to credit, nothing to learn).
-- Repeated channels give self-transitions; they do not change absorption probabilities.
{%- set lookback_days = attribution_lookback_days() %}

with

conversion_touches as (

    select
        conversion_stage,
        conversion_number,
        touch_position,
        touch_count,
        channel,
        previous_channel
    from {{ ref('int_attribution__conversion_touches') }}

),

touches as (

    {{ attribution_countable_touches() }}

),

as_of as (

    select {{ attribution_as_of_sql('touches') }} as as_of_at

),

contacts as (

    select
        contact_key,
        account_key,
        lead_at,
        mql_at,
        sql_at
    from {{ ref('fct_contact_funnel') }}

),

opportunities as (

    select
        opportunity_key,
        account_key,
        closed_at,
        is_closed,
        is_won
    from {{ ref('fct_opportunities') }}

),

-- Contacts that never entered lead / MQL / SQL share one path each (their touches in the
-- window ending at the as-of time): walk it once and count it for every stage it misses.
contact_touches as (

    select
        touches.contact_key,
        touches.channel,
        lag(touches.channel) over ordered_touches as previous_channel,
        lead(touches.channel) over ordered_touches is null as is_last_touch
    from touches
    cross join as_of
    where
        touches.touched_at <= as_of.as_of_at
        and touches.touched_at >= as_of.as_of_at - interval '{{ lookback_days }} days'
    window ordered_touches as (
        partition by touches.contact_key order by touches.touched_at, touches.touchpoint_id
    )

),

contact_steps as (

    select
        contact_key,
        coalesce(previous_channel, '(start)') as from_state,
        channel as to_state
    from contact_touches

    union all

    select
        contact_key,
        channel as from_state,
        '(null)' as to_state
    from contact_touches
    where is_last_touch

),

contact_step_counts as (

    select
        contact_steps.from_state,
        contact_steps.to_state,
        {%- for stage in ['lead', 'mql', 'sql'] %}
            contacts.{{ stage }}_at is null as misses_{{ stage }},
        {%- endfor %}
        count(*) as transitions
    from contact_steps
    left join contacts on contact_steps.contact_key = contacts.contact_key
    group by all

),

-- Accounts that never had a deal and closed-lost deals: journey_id, stage, contact, end of
-- the window, whether a touch at the end counts.
non_converting_journeys as (

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
    inner join {{ ref('int_attribution__opportunity_contacts') }} as opportunity_contacts
        on opportunities.opportunity_key = opportunity_contacts.opportunity_key
    where
        opportunities.is_closed and not opportunities.is_won
        and opportunities.closed_at is not null

),

non_converting_touches as (

    select
        non_converting_journeys.conversion_stage,
        non_converting_journeys.journey_id,
        touches.channel,
        lag(touches.channel) over ordered_touches as previous_channel,
        lead(touches.channel) over ordered_touches is null as is_last_touch
    from non_converting_journeys
    inner join touches
        on
            non_converting_journeys.contact_key = touches.contact_key
            and (
                non_converting_journeys.ends_at > touches.touched_at
                or (
                    non_converting_journeys.includes_end
                    and non_converting_journeys.ends_at = touches.touched_at
                )
            )
            and touches.touched_at
            >= non_converting_journeys.ends_at - interval '{{ lookback_days }} days'
    window ordered_touches as (
        partition by non_converting_journeys.journey_id
        order by touches.touched_at, touches.touchpoint_id
    )

),

steps as (

    select
        conversion_stage,
        coalesce(previous_channel, '(start)') as from_state,
        channel as to_state,
        true as is_converting_path,
        1 as transitions
    from conversion_touches

    union all

    select
        conversion_stage,
        channel as from_state,
        '(conversion)' as to_state,
        true as is_converting_path,
        1 as transitions
    from conversion_touches
    where touch_position = touch_count

    union all

    select
        conversion_stage,
        coalesce(previous_channel, '(start)') as from_state,
        channel as to_state,
        false as is_converting_path,
        1 as transitions
    from non_converting_touches

    union all

    select
        conversion_stage,
        channel as from_state,
        '(null)' as to_state,
        false as is_converting_path,
        1 as transitions
    from non_converting_touches
    where is_last_touch

    {%- for stage in ['lead', 'mql', 'sql'] %}

        union all

        select
            '{{ stage }}' as conversion_stage,
            from_state,
            to_state,
            false as is_converting_path,
            transitions
        from contact_step_counts
        where misses_{{ stage }}
    {%- endfor %}

)

select
    conversion_stage,
    from_state,
    to_state,
    sum(transitions) as transition_count,
    coalesce(sum(transitions) filter (where is_converting_path), 0)
        as converting_path_transitions,
    coalesce(sum(transitions) filter (where not is_converting_path), 0)
        as non_converting_path_transitions
from steps
group by conversion_stage, from_state, to_state
