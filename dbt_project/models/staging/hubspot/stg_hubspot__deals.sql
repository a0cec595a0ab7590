with

source as (

    select * from {{ source('raw', 'hubspot__deals') }}
    {{ deduplicate('id', hubspot_newest_version_first()) }}

),

renamed as (

    select
        ---------- ids
        cast(id as varchar) as deal_id,
        {{ hubspot_text('pipeline') }} as pipeline_id,
        {{ hubspot_text('dealstage') }} as deal_stage_id,
        {{ hubspot_text('hubspot_owner_id') }} as owner_id,

        ---------- strings
        {{ hubspot_text('dealname') }} as deal_name,
        {{ hubspot_text('deal_currency_code') }} as currency_code,
        {{ hubspot_text('closed_lost_reason') }} as closed_lost_reason,
        -- Deal type as the CRM has it (newbusiness, existingbusiness, renewal; NULL when
        -- unset or the property is absent); seed deal_type_mapping maps it.
        {{ hubspot_text('dealtype') }} as deal_type_raw,

        ---------- numerics
        {{ to_money(hubspot_text('amount')) }} as amount,

        ---------- booleans
        {{ hubspot_boolean('hs_is_closed') }} as is_closed,
        {{ hubspot_boolean('hs_is_closed_won') }} as is_closed_won,
        -- Archived (deleted to HubSpot's recycle bin): kept here, left out of core
        -- unless the var include_archived is true.
        coalesce(archived, false) as is_archived,

        ---------- timestamps
        {{ hubspot_timestamp('closedate') }} as close_at,
        {{ hubspot_timestamp('createdate') }} as deal_created_at,
        {{ iso_to_utc_timestamp('created_at') }} as created_at,
        {{ iso_to_utc_timestamp('updated_at') }} as updated_at,
        -- Set on archived records (HubSpot `archivedAt`); NULL otherwise.
        {{ iso_to_utc_timestamp('archived_at') }} as archived_at,

        ---------- custom fields (seed custom_fields): typed columns named by their alias
        {{ custom_field_columns(ref('custom_fields'), 'hubspot', 'deals') }}

        ---------- lineage
        _source,
        _batch_id,
        {{ tz_to_utc_timestamp('_loaded_at') }} as _loaded_at,
        _file
    from source

)

select * from renamed
