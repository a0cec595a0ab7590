with

source as (

    select * from {{ source('raw', 'google_ads__campaign_report') }}
    -- The newest monthly export's restatement of a day wins.
    {{ deduplicate('customer__id, campaign__id, segments__date, grain', '_file desc, _loaded_at desc') }}

),

renamed as (

    select
        ---------- ids
        cast(customer__id as varchar) as customer_id,
        -- '' for an account-level report (a query without campaign.id).
        cast(campaign__id as varchar) as campaign_id,
        cast(ad_group__id as varchar) as ad_group_id,
        cast(ad_group_ad__ad__id as varchar) as ad_id,
        customer__resource_name as customer_resource_name,
        campaign__resource_name as campaign_resource_name,

        ---------- grain
        -- Every sub-campaign id and segment of the row, '' at campaign or account level.
        grain,
        segments__device as device,
        segments__ad_network_type as ad_network_type,

        ---------- strings
        campaign__name as campaign_name,
        campaign__advertising_channel_type as advertising_channel_type,
        ad_group__name as ad_group_name,
        ad_group_ad__ad__name as ad_name,
        customer__currency_code as reported_currency_code,

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

),

-- customer.currencyCode is optional in a query: a row without it takes the currency
-- another row of the same customer reports (NULL when none does).
with_currency as (

    select
        * exclude (reported_currency_code),
        coalesce(
            reported_currency_code,
            max(reported_currency_code) over (partition by customer_id)
        ) as currency_code
    from renamed

)

select * from with_currency
