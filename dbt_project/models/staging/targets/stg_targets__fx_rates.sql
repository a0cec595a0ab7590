with

source as (

    select * from {{ source('raw', 'targets__fx_rates') }}
    {{ deduplicate('"date", currency', '_loaded_at desc, _file desc') }}

),

renamed as (

    select
        ---------- strings
        currency as currency_code,

        ---------- numerics
        -- One unit of currency_code in USD (the reporting currency).
        {{ try_cast('rate_to_usd', 'decimal(18, 10)') }} as rate_to_usd,

        ---------- dates
        {{ try_cast('"date"', 'date') }} as date_day,

        ---------- lineage
        _source,
        _batch_id,
        {{ tz_to_utc_timestamp('_loaded_at') }} as _loaded_at,
        _file
    from source

)

select * from renamed
