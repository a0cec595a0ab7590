{#- Salesforce Opportunity, 1:1 with raw.salesforce__opportunity: the newest version of each Id
    (highest SystemModstamp), typed; names stay the raw (API field) names. -#}
with

source as (

    select * from {{ source('raw', 'salesforce__opportunity') }}
    {{ deduplicate('id', salesforce_newest_version_first()) }}

),

renamed as (

    select
        ---------- ids
        cast(id as varchar) as id,
        {{ salesforce_text('account_id') }} as account_id,
        {{ salesforce_text('owner_id') }} as owner_id,
        {{ salesforce_text('campaign_id') }} as campaign_id,
        {{ salesforce_text('record_type_id') }} as record_type_id,

        ---------- strings
        {{ salesforce_text('name') }} as name,
        {{ salesforce_text('stage_name') }} as stage_name,
        {{ salesforce_text('forecast_category') }} as forecast_category,
        {{ salesforce_text('forecast_category_name') }} as forecast_category_name,
        {{ salesforce_text('currency_iso_code') }} as currency_iso_code,
        {{ salesforce_text('type') }} as type,
        {{ salesforce_text('lead_source') }} as lead_source,
        {{ salesforce_text('loss_reason_c') }} as loss_reason_c,

        ---------- numerics
        {{ to_money(salesforce_text('amount')) }} as amount,
        {{ try_cast(salesforce_text('probability'), 'decimal(9, 6)') }} as probability,

        ---------- booleans
        {{ try_cast('is_deleted', 'boolean') }} as is_deleted,
        {{ try_cast('is_closed', 'boolean') }} as is_closed,
        {{ try_cast('is_won', 'boolean') }} as is_won,

        ---------- dates
        {{ salesforce_date('close_date') }} as close_date,

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
