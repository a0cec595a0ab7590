with

source as (

    select * from {{ source('raw', 'sendgrid__singlesends') }}
    {{ deduplicate('id', iso_to_utc_timestamp('updated_at') ~ ' desc nulls last, _loaded_at desc, _file desc') }}

),

renamed as (

    select
        ---------- ids
        cast(id as varchar) as singlesend_id,

        ---------- strings
        name as singlesend_name,
        status as singlesend_status,
        {{ json_string_list('categories') }} as categories,

        ---------- booleans
        coalesce(is_abtest, false) as is_ab_test,

        ---------- timestamps
        {{ iso_to_utc_timestamp('send_at') }} as send_at,
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
