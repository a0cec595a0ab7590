with

source as (

    select * from {{ source('raw', 'targets__quotas') }}
    {{ deduplicate('owner_id, period_start', '_loaded_at desc, _file desc') }}

),

renamed as (

    select
        ---------- ids
        cast(owner_id as varchar) as owner_id,

        ---------- strings
        owner_email,
        {{ normalize_email('owner_email') }} as owner_email_normalized,
        currency as currency_code,

        ---------- numerics
        {{ to_money('quota_amount') }} as quota_amount,

        ---------- dates
        {{ try_cast('period_start', 'date') }} as period_start,
        {{ try_cast('period_end', 'date') }} as period_end,

        ---------- lineage
        _source,
        _batch_id,
        {{ tz_to_utc_timestamp('_loaded_at') }} as _loaded_at,
        _file
    from source

)

select * from renamed
