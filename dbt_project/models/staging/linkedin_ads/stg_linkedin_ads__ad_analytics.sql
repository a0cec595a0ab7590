with

source as (

    select
        *,
        coalesce(pivot_value, pivot_values ->> '$[0]') as campaign_urn
    from {{ source('raw', 'linkedin_ads__ad_analytics') }}
    {{ deduplicate(
        "coalesce(pivot_value, pivot_values ->> '$[0]'), "
        ~ "date_range__start__year, date_range__start__month, date_range__start__day",
        '_file desc, _loaded_at desc'
    ) }}

),

renamed as (

    select
        ---------- ids
        {{ urn_id('campaign_urn') }} as campaign_id,
        campaign_urn,

        ---------- numerics
        cast(impressions as bigint) as impressions,
        cast(clicks as bigint) as clicks,
        -- The account's currency; join stg_linkedin_ads__accounts downstream for it.
        {{ to_money('cost_in_local_currency') }} as spend,
        {{ to_money('cost_in_usd') }} as spend_usd,

        ---------- dates
        {{ try_make_date('date_range__start__year', 'date_range__start__month', 'date_range__start__day') }}
            as date_day,
        {{ try_make_date('date_range__end__year', 'date_range__end__month', 'date_range__end__day') }}
            as date_end,

        ---------- lineage
        _source,
        _batch_id,
        {{ tz_to_utc_timestamp('_loaded_at') }} as _loaded_at,
        _file
    from source

)

select * from renamed
