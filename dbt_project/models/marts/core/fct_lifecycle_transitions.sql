{#- The stage changes of int_lifecycle__stage_changes that are transitions:
    - a backward canonical change that coincides with a side state is how the CRM records
      that side state (lifecyclestage back to `lead` together with lead status UNQUALIFIED
      = disqualification): the side state is the transition, the backward change is not;
    - a change to the stage the contact is already in is no transition (the same stage
      written by two sources, or twice).
    The first transition starts from `visitor` when the contact's web visits began at or
    before it, else from nothing (an import, an event list). -#}
with

changes as (

    select * from {{ ref('int_lifecycle__stage_changes') }}

),

canonical_stages as (

    select * from {{ ref('canonical_stages') }}

),

visitors as (

    select
        contact_key,
        min(first_seen_at) as first_seen_at
    from {{ ref('int_visitors__stitched') }}
    group by contact_key

),

moments as (

    select
        contact_key,
        changed_at,
        max(stage_order) as max_stage_order,
        bool_or(is_side_state) as has_side_state
    from changes
    group by contact_key, changed_at

),

moments_with_history as (

    select
        *,
        max(max_stage_order) over (
            partition by contact_key
            order by changed_at
            rows between unbounded preceding and 1 preceding
        ) as stage_order_reached_before
    from moments

),

kept_changes as (

    select changes.*
    from changes
    inner join moments_with_history as moments
        on
            changes.contact_key = moments.contact_key
            and changes.changed_at = moments.changed_at
    where
        changes.is_side_state
        or not moments.has_side_state
        or changes.stage_order > coalesce(moments.stage_order_reached_before, -1)

),

sequenced as (

    select
        *,
        lag(to_stage) over contact_timeline as previous_stage
    from kept_changes
    window contact_timeline as (
        partition by contact_key
        order by changed_at, is_side_state, stage_order, source_system, stage_change_id
    )

),

transitions as (

    select
        *,
        lag(to_stage) over contact_timeline as from_stage_in_history,
        row_number() over contact_timeline as transition_number,
        max(stage_order) over (
            partition by contact_key
            order by changed_at, is_side_state, stage_order, source_system, stage_change_id
            rows between unbounded preceding and 1 preceding
        ) as highest_stage_order_before
    from sequenced
    where previous_stage is distinct from to_stage
    window contact_timeline as (
        partition by contact_key
        order by changed_at, is_side_state, stage_order, source_system, stage_change_id
    )

),

final as (

    select
        transitions.stage_change_id as transition_id,
        transitions.contact_key,
        transitions.transition_number,
        case
            when transitions.transition_number > 1 then transitions.from_stage_in_history
            when date_trunc('second', visitors.first_seen_at) <= transitions.changed_at
                then first_stage.stage
        end as from_stage,
        transitions.to_stage,
        transitions.changed_at as transitioned_at,
        transitions.source_system,
        transitions.source_field,
        transitions.source_value,
        transitions.source_record_id,
        transitions.is_side_state,
        transitions.stage_order as to_stage_order,
        coalesce(transitions.stage_order < transitions.highest_stage_order_before, false)
            as is_backward,
        transitions.nurture_program,
        transitions.is_inferred
    from transitions
    left join visitors
        on transitions.contact_key = visitors.contact_key
    left join canonical_stages as first_stage
        on first_stage.stage_order = 0

)

select * from final
