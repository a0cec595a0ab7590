with

source as (

    select * from {{ source('raw', 'hubspot__companies') }}
    {{ deduplicate('id', hubspot_newest_version_first()) }}

),

renamed as (

    select
        ---------- ids
        cast(id as varchar) as company_id,
        {{ hubspot_text('hubspot_owner_id') }} as owner_id,

        ---------- strings
        {{ hubspot_text('name') }} as company_name,
        {{ hubspot_text('domain') }} as domain,
        {{ normalize_email(hubspot_text('domain')) }} as domain_normalized,
        {{ hubspot_text('industry') }} as industry,
        {{ hubspot_text('country') }} as country,
        {{ hubspot_text('lifecyclestage') }} as lifecycle_stage,

        ---------- numerics
        {{ hubspot_number('numberofemployees') }} as number_of_employees,

        ---------- booleans
        -- Archived (deleted to HubSpot's recycle bin): kept here, left out of core
        -- unless the var include_archived is true.
        coalesce(archived, false) as is_archived,

        ---------- timestamps
        {{ hubspot_timestamp('hs_lifecyclestage_lead_date') }} as became_lead_at,
        {{ hubspot_timestamp('hs_lifecyclestage_opportunity_date') }} as became_opportunity_at,
        {{ hubspot_timestamp('hs_lifecyclestage_customer_date') }} as became_customer_at,
        {{ hubspot_timestamp('churn_date') }} as churned_at,
        {{ iso_to_utc_timestamp('created_at') }} as created_at,
        {{ iso_to_utc_timestamp('updated_at') }} as updated_at,
        -- Set on archived records (HubSpot `archivedAt`); NULL otherwise.
        {{ iso_to_utc_timestamp('archived_at') }} as archived_at,

        ---------- custom fields (seed custom_fields): typed columns named by their alias
        {{ custom_field_columns(ref('custom_fields'), 'hubspot', 'companies') }}

        ---------- lineage
        _source,
        _batch_id,
        {{ tz_to_utc_timestamp('_loaded_at') }} as _loaded_at,
        _file
    from source

)

select * from renamed
