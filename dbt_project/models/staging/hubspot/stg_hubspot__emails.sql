with

source as (

    select * from {{ source('raw', 'hubspot__emails') }}
    {{ deduplicate('id', hubspot_newest_version_first()) }}

),

renamed as (

    select
        ---------- ids
        cast(id as varchar) as email_id,
        {{ hubspot_text('hubspot_owner_id') }} as owner_id,
        {{ hubspot_association_ids('contacts') }} as contact_ids,
        {{ hubspot_association_ids('deals') }} as deal_ids,
        {{ hubspot_association_ids('companies') }} as company_ids,

        ---------- strings
        {{ hubspot_text('hs_email_direction') }} as email_direction,
        {{ hubspot_text('hs_email_subject') }} as email_subject,
        {{ hubspot_text('hs_email_status') }} as email_status,

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
