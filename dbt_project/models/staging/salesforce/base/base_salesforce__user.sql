{#- Salesforce User, 1:1 with raw.salesforce__user: the newest version of each Id
    (highest SystemModstamp), typed; names stay the raw (API field) names. -#}
with

source as (

    select * from {{ source('raw', 'salesforce__user') }}
    {{ deduplicate('id', salesforce_newest_version_first()) }}

),

renamed as (

    select
        ---------- ids
        cast(id as varchar) as id,
        {{ salesforce_text('user_role_id') }} as user_role_id,

        ---------- strings
        {{ salesforce_text('username') }} as username,
        {{ salesforce_text('email') }} as email,
        {{ salesforce_text('first_name') }} as first_name,
        {{ salesforce_text('last_name') }} as last_name,
        {{ salesforce_text('name') }} as name,
        {{ salesforce_text('title') }} as title,

        ---------- booleans
        {{ try_cast('is_active', 'boolean') }} as is_active,

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
