with

source as (

    select * from {{ source('raw', 'targets__sales_costs') }}
    {{ deduplicate('"month", line_key', '_loaded_at desc, _file desc') }}

),

renamed as (

    select
        ---------- ids
        line_key,

        ---------- strings
        nullif(trim(team), '') as team,
        -- An empty currency is the reporting currency.
        coalesce(nullif(upper(trim(currency)), ''), '{{ var("reporting_currency") }}') as currency_code,
        nullif(trim(description), '') as description,

        ---------- numerics
        {{ to_money('cost') }} as cost_amount,

        ---------- dates
        {{ try_cast('"month"', 'date') }} as cost_date,
        cast(date_trunc('month', {{ try_cast('"month"', 'date') }}) as date) as month_start,

        ---------- lineage
        _source,
        _batch_id,
        {{ tz_to_utc_timestamp('_loaded_at') }} as _loaded_at,
        _file
    from source

)

select * from renamed
