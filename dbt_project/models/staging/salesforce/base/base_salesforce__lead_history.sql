{#- Salesforce LeadHistory, 1:1 with raw.salesforce__lead_history: the newest version of each Id
    (highest CreatedDate), typed; names stay the raw (API field) names. -#}
with

source as (

    select * from {{ source('raw', 'salesforce__lead_history') }}
    {{ deduplicate('id', salesforce_newest_version_first('created_date')) }}

),

renamed as (

    select
        ---------- ids
        cast(id as varchar) as id,
        {{ salesforce_text('lead_id') }} as lead_id,
        {{ salesforce_text('created_by_id') }} as created_by_id,

        ---------- strings
        {{ salesforce_text('field') }} as field,
        {{ salesforce_text('data_type') }} as data_type,
        {{ salesforce_text('old_value') }} as old_value,
        {{ salesforce_text('new_value') }} as new_value,

        ---------- booleans
        {{ try_cast('is_deleted', 'boolean') }} as is_deleted,

        ---------- timestamps
        {{ salesforce_timestamp('created_date') }} as created_date,

        ---------- lineage
        _extra,
        _source,
        _batch_id,
        {{ tz_to_utc_timestamp('_loaded_at') }} as _loaded_at,
        _file
    from source

)

select * from renamed
