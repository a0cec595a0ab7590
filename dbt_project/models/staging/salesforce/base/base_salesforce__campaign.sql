{#- Salesforce Campaign, 1:1 with raw.salesforce__campaign: the newest version of each Id
    (highest SystemModstamp), typed; names stay the raw (API field) names. -#}
with

source as (

    select * from {{ source('raw', 'salesforce__campaign') }}
    {{ deduplicate('id', salesforce_newest_version_first()) }}

),

renamed as (

    select
        ---------- ids
        cast(id as varchar) as id,
        {{ salesforce_text('parent_id') }} as parent_id,

        ---------- strings
        {{ salesforce_text('name') }} as name,
        {{ salesforce_text('type') }} as type,
        {{ salesforce_text('status') }} as status,

        ---------- numerics
        {{ to_money(salesforce_text('actual_cost')) }} as actual_cost,
        {{ to_money(salesforce_text('budgeted_cost')) }} as budgeted_cost,

        ---------- booleans
        {{ try_cast('is_deleted', 'boolean') }} as is_deleted,
        {{ try_cast('is_active', 'boolean') }} as is_active,

        ---------- dates
        {{ salesforce_date('start_date') }} as start_date,
        {{ salesforce_date('end_date') }} as end_date,

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
