with

source as (

    select
        *,
        from_json(actions, '[{"action_type": "VARCHAR", "value": "VARCHAR"}]') as action_list
    from {{ source('raw', 'meta_ads__insights') }}
    {{ deduplicate('account_id, campaign_id, date_start', '_file desc, _loaded_at desc') }}

),

renamed as (

    select
        ---------- ids
        cast(account_id as varchar) as account_id,
        cast(campaign_id as varchar) as campaign_id,

        ---------- strings
        campaign_name,
        account_currency as currency_code,

        ---------- numerics
        {{ try_cast('impressions', 'bigint') }} as impressions,
        {{ try_cast('clicks', 'bigint') }} as clicks,
        {{ to_money('spend') }} as spend,
        -- Action counts come as strings, fractional under some attribution settings.
        {{ meta_action_value('action_list', 'link_click') }} as link_clicks,
        {{ meta_action_value('action_list', 'lead') }} as leads,

        ---------- dates
        {{ try_cast('date_start', 'date') }} as date_day,
        {{ try_cast('date_stop', 'date') }} as date_stop,

        ---------- lineage
        _source,
        _batch_id,
        {{ tz_to_utc_timestamp('_loaded_at') }} as _loaded_at,
        _file
    from source

)

select * from renamed
