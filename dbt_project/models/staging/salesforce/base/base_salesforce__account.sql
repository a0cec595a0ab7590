{#- Salesforce Account, 1:1 with raw.salesforce__account: the newest version of each Id
    (highest SystemModstamp), typed; names stay the raw (API field) names. -#}
with

source as (

    select * from {{ source('raw', 'salesforce__account') }}
    {{ deduplicate('id', salesforce_newest_version_first()) }}

),

renamed as (

    select
        ---------- ids
        cast(id as varchar) as id,
        {{ salesforce_text('master_record_id') }} as master_record_id,
        {{ salesforce_text('owner_id') }} as owner_id,

        ---------- strings
        {{ salesforce_text('name') }} as name,
        {{ salesforce_text('website') }} as website,
        {{ salesforce_text('industry') }} as industry,
        {{ salesforce_text('billing_country') }} as billing_country,
        {{ salesforce_text('type') }} as type,
        {{ salesforce_text('lifecycle_stage_c') }} as lifecycle_stage_c,

        ---------- numerics
        {{ try_cast(salesforce_text('number_of_employees'), 'bigint') }} as number_of_employees,

        ---------- booleans
        {{ try_cast('is_deleted', 'boolean') }} as is_deleted,

        ---------- timestamps
        {{ salesforce_timestamp('created_date') }} as created_date,
        {{ salesforce_timestamp('last_modified_date') }} as last_modified_date,
        {{ salesforce_timestamp('system_modstamp') }} as system_modstamp,
        {{ salesforce_timestamp('lead_date_c') }} as lead_date_c,
        {{ salesforce_timestamp('opportunity_date_c') }} as opportunity_date_c,
        {{ salesforce_timestamp('customer_date_c') }} as customer_date_c,
        {{ salesforce_timestamp('churn_date_c') }} as churn_date_c,

        ---------- lineage
        _extra,
        _source,
        _batch_id,
        {{ tz_to_utc_timestamp('_loaded_at') }} as _loaded_at,
        _file
    from source

)

select * from renamed
