-- Transition counts of the first-order Markov chain behind data_driven, one chain per
-- conversion stage: (start) -> channel -> ... -> channel -> (conversion) | (null).
--
-- Converting paths: the eligible touches of each conversion (int_attribution__conversion_touches),
-- then (conversion). Non-converting paths, ending in (null), the same eligibility rules applied
-- to what did not convert: int_attribution__markov_non_converting_contacts (lead, mql, sql)
-- and int_attribution__markov_non_converting_journeys (opportunity, closed_won), and the
-- visitors who never identified (lead: int_attribution__markov_non_converting_visitors). One
-- chain per attribution scope and stage.
-- Repeated channels give self-transitions; they do not change absorption probabilities.

with

conversion_touches as (

    select * from {{ ref('int_attribution__conversion_touches') }}

),

non_converting_contacts as (

    select * from {{ ref('int_attribution__markov_non_converting_contacts') }}

),

non_converting_journeys as (

    select * from {{ ref('int_attribution__markov_non_converting_journeys') }}

),

non_converting_visitors as (

    select * from {{ ref('int_attribution__markov_non_converting_visitors') }}

),

steps as (

    select
        attribution_scope,
        conversion_stage,
        coalesce(previous_channel, '(start)') as from_state,
        channel as to_state,
        true as is_converting_path,
        1 as transitions
    from conversion_touches

    union all

    select
        attribution_scope,
        conversion_stage,
        channel as from_state,
        '(conversion)' as to_state,
        true as is_converting_path,
        1 as transitions
    from conversion_touches
    where touch_position = touch_count

    union all

    select
        attribution_scope,
        conversion_stage,
        from_state,
        to_state,
        false as is_converting_path,
        transitions
    from non_converting_contacts

    union all

    select
        attribution_scope,
        conversion_stage,
        from_state,
        to_state,
        false as is_converting_path,
        transitions
    from non_converting_journeys

    union all

    select
        attribution_scope,
        conversion_stage,
        from_state,
        to_state,
        false as is_converting_path,
        transitions
    from non_converting_visitors

),

final as (

    select
        attribution_scope,
        conversion_stage,
        from_state,
        to_state,
        cast(sum(transitions) as bigint) as transition_count,
        cast(coalesce(sum(transitions) filter (where is_converting_path), 0) as bigint)
            as converting_path_transitions,
        cast(coalesce(sum(transitions) filter (where not is_converting_path), 0) as bigint)
            as non_converting_path_transitions
    from steps
    group by attribution_scope, conversion_stage, from_state, to_state

)

select * from final
