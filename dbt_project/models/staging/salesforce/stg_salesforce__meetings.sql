{#- Meetings: Salesforce Events, in the columns of stg_hubspot__meetings (people from
    EventRelation, invitees that are a Lead or Contact included, else WhoId; WhatId,
    AccountId as for calls). The end is EndDateTime, else the start plus DurationInMinutes. -#}
with

events as (

    select * from {{ ref('base_salesforce__event') }}

),

relations as (

    select * from {{ ref('base_salesforce__event_relation') }}

),

-- The people of each meeting (EventRelation): its WhoId first, then by RelationId.
people as (

    {{ salesforce_activity_people('events', 'relations', 'event_id') }}

),

events_with_people as (

    select
        events.*,
        people.related_ids
    from events
    left join people
        on events.id = people.id

),

renamed as (

    select
        'salesforce' as source_system,

        ---------- ids
        id as meeting_id,
        owner_id,
        coalesce(related_ids, {{ salesforce_id_list('who_id') }}) as contact_ids,
        {{ salesforce_id_list("case when starts_with(what_id, '006') then what_id end") }} as deal_ids,
        {{ salesforce_id_list('account_id') }} as company_ids,

        ---------- strings
        subject as meeting_title,
        meeting_outcome_c as meeting_outcome,

        ---------- booleans
        coalesce(is_deleted, false) as is_archived,

        ---------- timestamps
        coalesce(activity_date_time, start_date_time) as occurred_at,
        coalesce(start_date_time, activity_date_time) as meeting_start_at,
        coalesce(
            end_date_time,
            coalesce(start_date_time, activity_date_time) + to_minutes(duration_in_minutes)
        ) as meeting_end_at,
        created_date as created_at,
        last_modified_date as updated_at,

        ---------- lineage
        _source,
        _batch_id,
        _loaded_at,
        _file
    from events_with_people

)

select * from renamed
