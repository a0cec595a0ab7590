with

source as (

    select * from {{ source('raw', 'hubspot__meetings') }}
    {{ deduplicate('id', hubspot_newest_version_first()) }}

),

renamed as (

    select
        ---------- ids
        cast(id as varchar) as meeting_id,
        {{ hubspot_text('hubspot_owner_id') }} as owner_id,
        {{ hubspot_association_ids('contacts') }} as contact_ids,
        {{ hubspot_association_ids('deals') }} as deal_ids,
        {{ hubspot_association_ids('companies') }} as company_ids,

        ---------- strings
        {{ hubspot_text('hs_meeting_title') }} as meeting_title,
        {{ hubspot_text('hs_meeting_outcome') }} as meeting_outcome,

        ---------- booleans
        coalesce(archived, false) as is_archived,

        ---------- timestamps
        {{ hubspot_timestamp('hs_timestamp') }} as occurred_at,
        {{ hubspot_timestamp('hs_meeting_start_time') }} as meeting_start_at,
        {{ hubspot_timestamp('hs_meeting_end_time') }} as meeting_end_at,
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
