with

source as (

    select * from {{ source('raw', 'linkedin_ads__accounts') }}
    {{ deduplicate('id', '_loaded_at desc, _file desc') }}

),

renamed as (

    select
        ---------- ids
        cast(id as varchar) as account_id,

        ---------- strings
        name as account_name,
        currency as currency_code,
        status as account_status,

        ---------- lineage
        _source,
        _batch_id,
        {{ tz_to_utc_timestamp('_loaded_at') }} as _loaded_at,
        _file
    from source

)

select * from renamed
