with

source as (

    select * from {{ source('raw', 'hubspot__calls') }}
    {{ deduplicate('id', hubspot_newest_version_first()) }}

),

renamed as (

    select
        ---------- ids
        cast(id as varchar) as call_id,
        {{ hubspot_text('hubspot_owner_id') }} as owner_id,
        {{ hubspot_association_ids('contacts') }} as contact_ids,
        {{ hubspot_association_ids('deals') }} as deal_ids,
        {{ hubspot_association_ids('companies') }} as company_ids,

        ---------- strings
        {{ hubspot_text('hs_call_title') }} as call_title,
        {{ hubspot_text('hs_call_disposition') }} as call_disposition_id,
        {{ hubspot_text('hs_call_direction') }} as call_direction,

        ---------- numerics
        {{ hubspot_number('hs_call_duration') }} as call_duration_ms,

        ---------- booleans
        coalesce(archived, false) as is_archived,

        ---------- timestamps
        {{ hubspot_timestamp('hs_timestamp') }} as occurred_at,
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
