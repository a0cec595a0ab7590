{#- Salesforce OpportunityContactRole, 1:1 with raw.salesforce__opportunity_contact_role: the newest version of each Id
    (highest SystemModstamp), typed; names stay the raw (API field) names. -#}
with

source as (

    select * from {{ source('raw', 'salesforce__opportunity_contact_role') }}
    {{ deduplicate('id', salesforce_newest_version_first()) }}

),

renamed as (

    select
        ---------- ids
        cast(id as varchar) as id,
        {{ salesforce_text('opportunity_id') }} as opportunity_id,
        {{ salesforce_text('contact_id') }} as contact_id,

        ---------- strings
        {{ salesforce_text('role') }} as role,

        ---------- booleans
        {{ try_cast('is_deleted', 'boolean') }} as is_deleted,
        {{ try_cast('is_primary', 'boolean') }} as is_primary,

        ---------- timestamps
        {{ salesforce_timestamp('created_date') }} as created_date,
        {{ salesforce_timestamp('last_modified_date') }} as last_modified_date,
        {{ salesforce_timestamp('system_modstamp') }} as system_modstamp,

        ---------- lineage
        _extra,
        _source,
        _batch_id,
        {{ tz_to_utc_timestamp('_loaded_at') }} as _loaded_at,
        _file
    from source

)

select * from renamed
