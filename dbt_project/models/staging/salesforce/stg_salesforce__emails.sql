{#- 1:1 sales emails logged by reps: Tasks with TaskSubtype 'Email', in the columns of
    stg_hubspot__emails (people from TaskRelation else WhoId, WhatId, AccountId as for
    calls). Salesforce records no direction on an email task: email_direction is NULL. -#}
with

tasks as (

    select * from {{ ref('base_salesforce__task') }}
    where task_subtype = 'Email'

),

relations as (

    select * from {{ ref('base_salesforce__task_relation') }}

),

-- The people of each email (TaskRelation): its WhoId first, then by RelationId.
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
        id as email_id,
        owner_id,
        coalesce(related_ids, {{ salesforce_id_list('who_id') }}) as contact_ids,
        {{ salesforce_id_list("case when starts_with(what_id, '006') then what_id end") }} as deal_ids,
        {{ salesforce_id_list('account_id') }} as company_ids,

        ---------- strings
        cast(null as varchar) as email_direction,
        subject as email_subject,
        status as email_status,

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
