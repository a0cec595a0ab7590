{#- Salesforce OpportunityHistory, 1:1 with raw.salesforce__opportunity_history: the newest version of each Id
    (highest SystemModstamp), typed; names stay the raw (API field) names. -#}
with

source as (

    select * from {{ source('raw', 'salesforce__opportunity_history') }}
    {{ deduplicate('id', salesforce_newest_version_first()) }}

),

renamed as (

    select
        ---------- ids
        cast(id as varchar) as id,
        {{ salesforce_text('opportunity_id') }} as opportunity_id,
        {{ salesforce_text('created_by_id') }} as created_by_id,

        ---------- strings
        {{ salesforce_text('stage_name') }} as stage_name,
        {{ salesforce_text('forecast_category') }} as forecast_category,

        ---------- numerics
        {{ to_money(salesforce_text('amount')) }} as amount,
        {{ try_cast(salesforce_text('probability'), 'decimal(9, 6)') }} as probability,
        {{ to_money(salesforce_text('expected_revenue')) }} as expected_revenue,

        ---------- booleans
        {{ try_cast('is_deleted', 'boolean') }} as is_deleted,

        ---------- dates
        {{ salesforce_date('close_date') }} as close_date,

        ---------- timestamps
        {{ salesforce_timestamp('created_date') }} as created_date,
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
