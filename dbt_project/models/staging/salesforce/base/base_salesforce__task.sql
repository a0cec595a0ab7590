{#- Salesforce Task, 1:1 with raw.salesforce__task: the newest version of each Id
    (highest SystemModstamp), typed; names stay the raw (API field) names. -#}
with

source as (

    select * from {{ source('raw', 'salesforce__task') }}
    {{ deduplicate('id', salesforce_newest_version_first()) }}

),

renamed as (

    select
        ---------- ids
        cast(id as varchar) as id,
        {{ salesforce_text('who_id') }} as who_id,
        {{ salesforce_text('what_id') }} as what_id,
        {{ salesforce_text('account_id') }} as account_id,
        {{ salesforce_text('owner_id') }} as owner_id,

        ---------- strings
        {{ salesforce_text('subject') }} as subject,
        {{ salesforce_text('status') }} as status,
        {{ salesforce_text('type') }} as type,
        {{ salesforce_text('task_subtype') }} as task_subtype,
        {{ salesforce_text('call_type') }} as call_type,
        {{ salesforce_text('call_disposition') }} as call_disposition,

        ---------- numerics
        {{ try_cast(salesforce_text('call_duration_in_seconds'), 'bigint') }} as call_duration_in_seconds,

        ---------- booleans
        {{ try_cast('is_deleted', 'boolean') }} as is_deleted,

        ---------- dates
        {{ salesforce_date('activity_date') }} as activity_date,

        ---------- timestamps
        {{ salesforce_timestamp('completed_date_time') }} as completed_date_time,
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
