{#- Salesforce TaskRelation, 1:1 with raw.salesforce__task_relation: the newest version of each Id
    (highest SystemModstamp), typed; names stay the raw (API field) names. With shared
    activities, one row per person of a Task (IsWhat false, the WhoId one included) and one
    for its WhatId (IsWhat true). -#}
with

source as (

    select * from {{ source('raw', 'salesforce__task_relation') }}
    {{ deduplicate('id', salesforce_newest_version_first()) }}

),

renamed as (

    select
        ---------- ids
        cast(id as varchar) as id,
        {{ salesforce_text('task_id') }} as task_id,
        {{ salesforce_text('relation_id') }} as relation_id,
        {{ salesforce_text('account_id') }} as account_id,
        {{ salesforce_text('created_by_id') }} as created_by_id,

        ---------- booleans
        {{ try_cast('is_deleted', 'boolean') }} as is_deleted,
        {{ try_cast('is_what', 'boolean') }} as is_what,

        ---------- timestamps
        {{ salesforce_timestamp('created_date') }} as created_date,
        {{ salesforce_timestamp('last_modified_date') }} as last_modified_date,
        {{ salesforce_timestamp('system_modstamp') }} as system_modstamp,

        ---------- lineage
        _extra,
        _source,
        _batch_id,
        {{ tz_to_utc_timestamp('_loaded_at') }} as _loaded_at,
        _file
    from source

)

select * from renamed
