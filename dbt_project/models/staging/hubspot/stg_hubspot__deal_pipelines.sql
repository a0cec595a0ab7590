with

source as (

    select * from {{ source('raw', 'hubspot__deal_pipelines') }}
    {{ deduplicate('id', '_loaded_at desc, _file desc') }}

),

renamed as (

    select
        ---------- ids
        cast(id as varchar) as pipeline_id,

        ---------- strings
        label as pipeline_label,

        ---------- numerics
        cast(display_order as integer) as display_order,

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
