{#- Calls, meetings and 1:1 emails logged by reps, one row per engagement, with every
    associated contact resolved to its survivor (contact_keys) and the first one as the
    activity's contact. -#}
with

resolved as (

    select * from {{ ref('int_contacts__resolved') }}

),

calls as (

    select
        'call' as activity_type,
        call_id as engagement_id,
        owner_id,
        contact_ids,
        deal_ids,
        occurred_at,
        call_title as activity_title,
        {{ hubspot_call_outcome('call_disposition_id') }} as outcome,
        call_direction as direction,
        cast(call_duration_ms / 1000 as integer) as duration_seconds,
        is_archived
    from {{ ref('stg_crm__calls') }}

),

meetings as (

    select
        'meeting' as activity_type,
        meeting_id as engagement_id,
        owner_id,
        contact_ids,
        deal_ids,
        coalesce(meeting_start_at, occurred_at) as occurred_at,
        meeting_title as activity_title,
        lower(meeting_outcome) as outcome,
        cast(null as varchar) as direction,
        cast(date_diff('second', meeting_start_at, meeting_end_at) as integer) as duration_seconds,
        is_archived
    from {{ ref('stg_crm__meetings') }}

),

emails as (

    select
        'email' as activity_type,
        email_id as engagement_id,
        owner_id,
        contact_ids,
        deal_ids,
        occurred_at,
        email_subject as activity_title,
        lower(email_status) as outcome,
        email_direction as direction,
        cast(null as integer) as duration_seconds,
        is_archived
    from {{ ref('stg_crm__emails') }}

),

activities as (

    select * from calls
    union all
    select * from meetings
    union all
    select * from emails

),

contact_links as (

    select
        activities.activity_type,
        activities.engagement_id,
        link.contact_id,
        link.position
    from activities,
        unnest(activities.contact_ids) with ordinality as link (contact_id, position)

),

resolved_contacts as (

    select
        contact_links.activity_type,
        contact_links.engagement_id,
        list(distinct resolved.contact_key order by resolved.contact_key) as contact_keys,
        arg_min(resolved.contact_key, contact_links.position) as contact_key
    from contact_links
    inner join resolved
        on contact_links.contact_id = resolved.hubspot_contact_id
    group by contact_links.activity_type, contact_links.engagement_id

),

final as (

    select
        activities.activity_type || ':' || activities.engagement_id as activity_id,
        activities.activity_type,
        activities.engagement_id as hubspot_engagement_id,
        {{ crm_key('activities.owner_id') }} as owner_key,
        resolved_contacts.contact_key,
        coalesce(resolved_contacts.contact_keys, []) as contact_keys,
        case when len(activities.deal_ids) > 0 then {{ crm_key('activities.deal_ids[1]') }} end as opportunity_key,
        activities.occurred_at,
        activities.activity_title,
        activities.outcome,
        activities.direction,
        activities.duration_seconds,
        activities.is_archived
    from activities
    left join resolved_contacts
        on
            activities.activity_type = resolved_contacts.activity_type
            and activities.engagement_id = resolved_contacts.engagement_id

)

select * from final
