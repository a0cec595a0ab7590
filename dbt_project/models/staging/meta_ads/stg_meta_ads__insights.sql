with

source as (

    select
        *,
        from_json(actions, '[{"action_type": "VARCHAR", "value": "VARCHAR"}]') as action_list
    from {{ source('raw', 'meta_ads__insights') }}
    {{ deduplicate('account_id, campaign_id, date_start, grain', '_file desc, _loaded_at desc') }}

),

renamed as (

    select
        ---------- ids
        cast(account_id as varchar) as account_id,
        -- '' for an account-level row (level=account).
        cast(campaign_id as varchar) as campaign_id,
        cast(adset_id as varchar) as adset_id,
        cast(ad_id as varchar) as ad_id,

        ---------- grain
        -- The row's ad set / ad ids and breakdowns, '' at campaign or account level.
        grain,
        device_platform,
        publisher_platform,
        platform_position,
        impression_device,
        country,
        region,
        dma,
        age,
        gender,
        product_id,

        ---------- strings
        account_name,
        campaign_name,
        adset_name,
        ad_name,
        account_currency as reported_currency_code,

        ---------- numerics
        {{ try_cast('impressions', 'bigint') }} as impressions,
        {{ try_cast('clicks', 'bigint') }} as clicks,
        {{ to_money('spend') }} as spend,
        -- Action counts come as strings, fractional under some attribution settings.
        {{ meta_action_value('action_list', 'link_click') }} as link_clicks,
        {{ meta_action_value('action_list', 'lead') }} as leads,
        action_values,

        ---------- dates
        {{ try_cast('date_start', 'date') }} as date_day,
        {{ try_cast('date_stop', 'date') }} as date_stop,

        ---------- lineage
        _source,
        _batch_id,
        {{ tz_to_utc_timestamp('_loaded_at') }} as _loaded_at,
        _file
    from source

),

-- account_currency is optional in a request: a row without it takes the currency another
-- row of the same ad account reports (NULL when none does).
with_currency as (

    select
        * exclude (reported_currency_code),
        coalesce(
            reported_currency_code,
            max(reported_currency_code) over (partition by account_id)
        ) as currency_code
    from renamed

)

select * from with_currency
