with

source as (

    select * from {{ source('raw', 'targets__funnel_targets') }}
    {{ deduplicate('period_start, period_grain, metric, line_key', '_loaded_at desc, _file desc') }}

),

renamed as (

    select
        ---------- ids
        line_key,

        ---------- strings
        period_grain,
        metric,
        -- NULL = the whole company.
        nullif(trim(segment), '') as segment,
        -- An empty currency is the reporting currency (used by the revenue metric only).
        coalesce(nullif(upper(trim(currency)), ''), '{{ var("reporting_currency") }}') as currency_code,

        ---------- numerics
        {{ to_money('target') }} as target_value,

        ---------- dates
        {{ try_cast('period_start', 'date') }} as period_start_date,
        -- The period the target is for: its month or quarter, whatever day the file names.
        cast(date_trunc(period_grain, {{ try_cast('period_start', 'date') }}) as date) as period_start,

        ---------- lineage
        _source,
        _batch_id,
        {{ tz_to_utc_timestamp('_loaded_at') }} as _loaded_at,
        _file
    from source

)

select * from renamed
