with

source as (

    select * from {{ source('raw', 'hubspot__owners') }}
    {{ deduplicate('id', hubspot_newest_version_first()) }}

),

renamed as (

    select
        ---------- ids
        cast(id as varchar) as owner_id,
        cast(user_id as varchar) as user_id,

        ---------- strings
        email,
        {{ normalize_email('email') }} as email_normalized,
        first_name,
        last_name,

        ---------- booleans
        coalesce(archived, false) as is_archived,

        ---------- timestamps
        {{ iso_to_utc_timestamp('created_at') }} as created_at,
        {{ iso_to_utc_timestamp('updated_at') }} as updated_at,

        ---------- lineage
        _source,
        _batch_id,
        {{ tz_to_utc_timestamp('_loaded_at') }} as _loaded_at,
        _file
    from source

)

select * from renamed
