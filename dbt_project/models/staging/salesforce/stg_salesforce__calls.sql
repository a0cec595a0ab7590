{#- Logged calls: Tasks with TaskSubtype 'Call', in the columns of stg_hubspot__calls.
    contact_ids are the people of the task (Lead or Contact ids): with shared activities its
    TaskRelation rows that are not the WhatId, the WhoId first; without any, [WhoId]
    (docs/salesforce.md §4). WhatId is the deal when it is an Opportunity (key prefix 006),
    AccountId the company; the call happened at CompletedDateTime, else on its
    ActivityDate. -#}
with

tasks as (

    select * from {{ ref('base_salesforce__task') }}
    where task_subtype = 'Call'

),

relations as (

    select * from {{ ref('base_salesforce__task_relation') }}

),

-- The people of each call (TaskRelation): its WhoId first, then by RelationId.
people as (

    {{ salesforce_activity_people('tasks', 'relations', 'task_id') }}

),

tasks_with_people as (

    select
        tasks.*,
        people.related_ids
    from tasks
    left join people
        on tasks.id = people.id

),

renamed as (

    select
        'salesforce' as source_system,

        ---------- ids
        id as call_id,
        owner_id,
        coalesce(related_ids, {{ salesforce_id_list('who_id') }}) as contact_ids,
        {{ salesforce_id_list("case when starts_with(what_id, '006') then what_id end") }} as deal_ids,
        {{ salesforce_id_list('account_id') }} as company_ids,

        ---------- strings
        subject as call_title,
        call_disposition as call_disposition_id,
        upper(call_type) as call_direction,

        ---------- numerics
        call_duration_in_seconds * 1000 as call_duration_ms,

        ---------- booleans
        coalesce(is_deleted, false) as is_archived,

        ---------- timestamps
        coalesce(completed_date_time, cast(activity_date as timestamp)) as occurred_at,
        created_date as created_at,
        last_modified_date as updated_at,

        ---------- lineage
        _source,
        _batch_id,
        _loaded_at,
        _file
    from tasks_with_people

)

select * from renamed
