{#- Each MQL episode (a CRM transition into mql, up to the snapshot date; an episode ends at
    the contact's next MQL) and its hand-off to sales (docs/metrics/feedback.md): the
    owner it was handed to and when (dim_contact.owner_assigned_at: assigned before the MQL
    counts as 0 h; an assignment after the episode ended belongs to a later episode, so the
    episode's owner and assignment are unknown), the first sales activity listing the
    contact at or after the MQL (as int_metrics__mql_follow_up, within the episode), and
    the outcome: disqualified (with the mapped rejection reason), recycled, sal (accepted)
    or open. Over 200 lines because an episode's events, first activity, campaign and
    reason each need the episode window (MQL to next MQL) of the same CTE chain. -#}
with

transitions as (

    select * from {{ ref('fct_lifecycle_transitions') }}

),

contacts as (

    select * from {{ ref('dim_contact') }}

),

owners as (

    select * from {{ ref('dim_owner') }}

),

contact_dimensions as (

    select * from {{ ref('int_metrics__contact_dimensions') }}

),

activities as (

    select * from {{ ref('fct_sales_activities') }}

),

snapshot as (

    select * from {{ ref('dim_snapshot_date') }}

),

reason_mapping as (

    select * from {{ ref('rejection_reason_mapping') }}

),

mql_entries as (

    select
        contact_key,
        transitioned_at as mql_at,
        row_number() over (
            partition by contact_key order by transitioned_at, transition_number
        ) as mql_episode_number,
        lead(transitioned_at) over (
            partition by contact_key order by transitioned_at, transition_number
        ) as next_mql_at
    from transitions
    where to_stage = 'mql' and not coalesce(is_inferred, false)

),

episodes as (

    select mql_entries.*
    from mql_entries
    cross join snapshot
    where cast(mql_entries.mql_at as date) <= snapshot.snapshot_date

),

-- What happened within each episode (after its MQL, before the next one, up to the snapshot).
episode_events as (

    select
        episodes.contact_key,
        episodes.mql_episode_number,
        min(transitions.transitioned_at) filter (
            where transitions.to_stage_order > 2
        ) as sal_at,
        min(transitions.transitioned_at) filter (
            where transitions.to_stage = 'disqualified'
        ) as disqualified_at,
        min(transitions.transitioned_at) filter (
            where transitions.to_stage = 'recycled'
        ) as recycled_at
    from episodes
    cross join snapshot
    inner join transitions
        on
            episodes.contact_key = transitions.contact_key
            and episodes.mql_at <= transitions.transitioned_at
            and (episodes.next_mql_at is null or episodes.next_mql_at > transitions.transitioned_at)
            and cast(transitions.transitioned_at as date) <= snapshot.snapshot_date
    group by episodes.contact_key, episodes.mql_episode_number

),

activity_contacts as (

    select distinct
        occurred_at,
        unnest(list_append(coalesce(contact_keys, []), contact_key)) as contact_key
    from activities

),

first_activities as (

    select
        episodes.contact_key,
        episodes.mql_episode_number,
        min(activity_contacts.occurred_at) as first_activity_at
    from episodes
    cross join snapshot
    inner join activity_contacts
        on
            episodes.contact_key = activity_contacts.contact_key
            and episodes.mql_at <= activity_contacts.occurred_at
            and (episodes.next_mql_at is null or episodes.next_mql_at > activity_contacts.occurred_at)
            and cast(activity_contacts.occurred_at as date) <= snapshot.snapshot_date
    group by episodes.contact_key, episodes.mql_episode_number

),

latest_disqualification as (

    select
        contact_key,
        max(mql_episode_number) as mql_episode_number
    from episode_events
    where disqualified_at is not null
    group by contact_key

),

joined as (

    select
        episodes.contact_key,
        episodes.mql_episode_number,
        episodes.mql_at,
        episodes.next_mql_at,
        contacts.owner_key as current_owner_key,
        contacts.owner_assigned_at,
        -- The owner handled this episode unless it was assigned only after the episode ended.
        contacts.owner_key is not null
        and (
            contacts.owner_assigned_at is null
            or episodes.next_mql_at is null
            or contacts.owner_assigned_at < episodes.next_mql_at
        ) as is_current_owner_episode,
        {{ metrics_crm_source_system('episodes.contact_key') }} as source_system,
        coalesce(nullif(trim(contacts.original_source), ''), '(unknown)') as lead_source,
        -- The contact's original campaign: that of its first touch with one.
        coalesce(contact_dimensions.first_touch_campaign_key, '(unknown)') as campaign_key,
        episode_events.sal_at,
        episode_events.disqualified_at,
        episode_events.recycled_at,
        first_activities.first_activity_at,
        -- The CRM keeps one (the latest) reason: it belongs to the latest disqualification.
        case
            when latest_disqualification.contact_key is not null
                then nullif(trim(contacts.disqualification_reason), '')
        end as disqualification_reason
    from episodes
    inner join contacts
        on episodes.contact_key = contacts.contact_key
    left join episode_events
        on
            episodes.contact_key = episode_events.contact_key
            and episodes.mql_episode_number = episode_events.mql_episode_number
    left join first_activities
        on
            episodes.contact_key = first_activities.contact_key
            and episodes.mql_episode_number = first_activities.mql_episode_number
    left join contact_dimensions
        on episodes.contact_key = contact_dimensions.contact_key
    left join latest_disqualification
        on
            episodes.contact_key = latest_disqualification.contact_key
            and episodes.mql_episode_number = latest_disqualification.mql_episode_number

),

outcomes as (

    select
        joined.*,
        case
            when disqualified_at is not null and (recycled_at is null or disqualified_at <= recycled_at)
                then 'disqualified'
            when recycled_at is not null then 'recycled'
            when sal_at is not null then 'sal'
            else 'open'
        end as outcome,
        case when is_current_owner_episode then owner_assigned_at end as assigned_at
    from joined

),

final as (

    select
        outcomes.contact_key,
        outcomes.mql_episode_number,
        cast(date_trunc('month', outcomes.mql_at) as date) as month_start,
        outcomes.mql_at,
        case
            when outcomes.is_current_owner_episode then cast(outcomes.current_owner_key as varchar)
            else '(unknown)'
        end as owner_key,
        case
            when outcomes.is_current_owner_episode
                then coalesce(nullif(owners.primary_team_name, 'unknown'), '(unknown)')
            else '(unknown)'
        end as owner_team,
        outcomes.assigned_at,
        {{ metrics_assignment_hours('outcomes.mql_at', 'outcomes.assigned_at') }} as assignment_hours,
        outcomes.first_activity_at,
        {{ metrics_hours_between('outcomes.mql_at', 'outcomes.first_activity_at') }}
            as first_touch_hours,
        outcomes.outcome,
        case when outcomes.outcome = 'disqualified' then outcomes.disqualified_at end as rejected_at,
        case when outcomes.outcome = 'disqualified' then outcomes.disqualification_reason end
            as disqualification_reason,
        case
            when outcomes.outcome = 'disqualified'
                then coalesce(reason_mapping.rejection_reason, 'other')
        end as rejection_reason,
        outcomes.lead_source,
        outcomes.campaign_key
    from outcomes
    left join owners
        on outcomes.current_owner_key = owners.owner_key
    left join reason_mapping
        on
            outcomes.source_system = reason_mapping.source_system
            and outcomes.disqualification_reason = reason_mapping.source_value

)

select * from final
