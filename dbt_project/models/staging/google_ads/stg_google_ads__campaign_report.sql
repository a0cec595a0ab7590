with

source as (

    select * from {{ source('raw', 'google_ads__campaign_report') }}
    -- The newest monthly export's restatement of a day wins.
    {{ deduplicate('customer__id, campaign__id, segments__date', '_file desc, _loaded_at desc') }}

),

renamed as (

    select
        ---------- ids
        cast(customer__id as varchar) as customer_id,
        cast(campaign__id as varchar) as campaign_id,
        customer__resource_name as customer_resource_name,
        campaign__resource_name as campaign_resource_name,

        ---------- strings
        campaign__name as campaign_name,
        campaign__advertising_channel_type as advertising_channel_type,
        customer__currency_code as currency_code,

        ---------- numerics
        {{ try_cast('metrics__impressions', 'bigint') }} as impressions,
        {{ try_cast('metrics__clicks', 'bigint') }} as clicks,
        {{ try_cast('metrics__cost_micros', 'bigint') }} as cost_micros,
        -- Account currency: micros / 10^6, exact.
        {{ micros_to_money('metrics__cost_micros') }} as spend,
        cast(metrics__conversions as double) as conversions,

        ---------- dates
        {{ try_cast('segments__date', 'date') }} as date_day,

        ---------- lineage
        _source,
        _batch_id,
        {{ tz_to_utc_timestamp('_loaded_at') }} as _loaded_at,
        _file
    from source

)

select * from renamed
