{#- Salesforce UserRole, 1:1 with raw.salesforce__user_role: the newest version of each Id
    (highest SystemModstamp), typed; names stay the raw (API field) names. -#}
with

source as (

    select * from {{ source('raw', 'salesforce__user_role') }}
    {{ deduplicate('id', salesforce_newest_version_first()) }}

),

renamed as (

    select
        ---------- ids
        cast(id as varchar) as id,
        {{ salesforce_text('parent_role_id') }} as parent_role_id,

        ---------- strings
        {{ salesforce_text('name') }} as name,

        ---------- timestamps
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
