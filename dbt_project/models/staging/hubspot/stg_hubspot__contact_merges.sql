{#- The surviving contact lists the ids merged into it (hs_merged_object_ids);
    one row per merged-away id makes "which contact did X become" a lookup. -#}
with

source as (

    select * from {{ source('raw', 'hubspot__contacts') }}
    {{ deduplicate('id', hubspot_newest_version_first()) }}

),

merged_ids as (

    select
        id,
        unnest({{ hubspot_id_list('hs_merged_object_ids') }}) as merged_id,
        updated_at,
        _source,
        _batch_id,
        _loaded_at,
        _file
    from source

),

renamed as (

    select
        ---------- ids
        cast(merged_id as varchar) as merged_contact_id,
        cast(id as varchar) as surviving_contact_id,

        ---------- timestamps
        {{ iso_to_utc_timestamp('updated_at') }} as surviving_contact_updated_at,

        ---------- lineage
        _source,
        _batch_id,
        {{ tz_to_utc_timestamp('_loaded_at') }} as _loaded_at,
        _file
    from merged_ids
    -- A merged id claimed by two survivors (a chain of merges): the newest claim wins.
    {{ deduplicate('merged_id', iso_to_utc_timestamp('updated_at') ~ ' desc, id desc') }}

)

select * from renamed
