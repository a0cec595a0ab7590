{#- Every stay of a contact in an open lead stage (the canonical stages from mql to sql,
    seed canonical_stages) entered up to the as-of time (dim_snapshot_date.snapshot_end_at,
    the exclusive end of the snapshot day): a stay begins at a lifecycle transition into the
    stage and ends at the contact's next transition, whatever it enters (the next stage,
    opportunity, disqualified, recycled, nurture, ...). A stay with no transition after it
    by the as-of time is open: the contact is an open lead in that stage. Transitions after
    the as-of time are not known yet. -#}
with

snapshot as (

    select * from {{ ref('dim_snapshot_date') }}

),

canonical_stages as (

    select * from {{ ref('canonical_stages') }}

),

bounds as (

    select
        min(stage_order) filter (where stage = 'mql') as first_order,
        min(stage_order) filter (where stage = 'sql') as last_order
    from canonical_stages

),

open_lead_stages as (

    select
        canonical_stages.stage,
        canonical_stages.stage_order
    from canonical_stages
    cross join bounds
    where canonical_stages.stage_order between bounds.first_order and bounds.last_order

),

transitions as (

    select
        transitions.transition_id,
        transitions.contact_key,
        transitions.transition_number,
        transitions.to_stage,
        transitions.transitioned_at
    from {{ ref('fct_lifecycle_transitions') }} as transitions
    cross join snapshot
    where transitions.transitioned_at < snapshot.snapshot_end_at

),

sequenced as (

    select
        *,
        lead(transitioned_at) over contact_timeline as next_transitioned_at,
        lead(to_stage) over contact_timeline as next_stage
    from transitions
    window contact_timeline as (partition by contact_key order by transition_number)

),

final as (

    select
        sequenced.transition_id as stay_id,
        sequenced.contact_key,
        sequenced.to_stage as stage,
        open_lead_stages.stage_order,
        sequenced.transitioned_at as entered_at,
        sequenced.next_transitioned_at as exited_at,
        sequenced.next_stage as exited_to,
        {{ metrics_days_between('sequenced.transitioned_at', 'sequenced.next_transitioned_at') }}
            as stay_days,
        sequenced.next_transitioned_at is null as is_open
    from sequenced
    inner join open_lead_stages
        on sequenced.to_stage = open_lead_stages.stage

)

select * from final
