{#- Salesforce CurrencyType, 1:1 with raw.salesforce__currency_type: the newest version of each Id
    (highest SystemModstamp), typed; names stay the raw (API field) names. -#}
with

source as (

    select * from {{ source('raw', 'salesforce__currency_type') }}
    {{ deduplicate('id', salesforce_newest_version_first()) }}

),

renamed as (

    select
        ---------- ids
        cast(id as varchar) as id,

        ---------- strings
        {{ salesforce_text('iso_code') }} as iso_code,

        ---------- numerics
        {{ try_cast(salesforce_text('conversion_rate'), 'decimal(18, 9)') }} as conversion_rate,
        {{ try_cast(salesforce_text('decimal_places'), 'integer') }} as decimal_places,

        ---------- booleans
        {{ try_cast('is_active', 'boolean') }} as is_active,
        {{ try_cast('is_corporate', 'boolean') }} as is_corporate,

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
