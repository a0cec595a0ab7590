{#- Salesforce Event, 1:1 with raw.salesforce__event: the newest version of each Id
    (highest SystemModstamp), typed; names stay the raw (API field) names. -#}
with

source as (

    select * from {{ source('raw', 'salesforce__event') }}
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
        {{ salesforce_text('type') }} as type,
        {{ salesforce_text('event_subtype') }} as event_subtype,
        {{ salesforce_text('meeting_outcome_c') }} as meeting_outcome_c,

        ---------- numerics
        {{ try_cast(salesforce_text('duration_in_minutes'), 'bigint') }} as duration_in_minutes,

        ---------- booleans
        {{ try_cast('is_deleted', 'boolean') }} as is_deleted,

        ---------- timestamps
        {{ salesforce_timestamp('activity_date_time') }} as activity_date_time,
        {{ salesforce_timestamp('start_date_time') }} as start_date_time,
        {{ salesforce_timestamp('end_date_time') }} as end_date_time,
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
