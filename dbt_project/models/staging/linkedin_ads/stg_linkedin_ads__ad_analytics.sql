with

source as (

    select
        * replace (
            -- Rows loaded before `campaign_urn` existed: a CAMPAIGN pivot's only value.
            coalesce(
                campaign_urn,
                case when pivot_value like 'urn:li:sponsoredCampaign:%' then pivot_value end
            ) as campaign_urn
        )
    from {{ source('raw', 'linkedin_ads__ad_analytics') }}
    {{ deduplicate(
        "pivot_value, date_range__start__year, date_range__start__month, "
        ~ "date_range__start__day, grain",
        '_file desc, _loaded_at desc'
    ) }}

),

renamed as (

    select
        ---------- ids
        -- The sponsoredCampaign urn among the pivot values; NULL for a CREATIVE-only pivot.
        {{ urn_id('campaign_urn') }} as campaign_id,
        campaign_urn,
        pivot_value,
        nullif(regexp_extract(grain, '(^|[|])creative=([^|]+)', 2), '') as creative_id,

        ---------- grain
        -- Every pivot value but the campaign urn, '' for a CAMPAIGN pivot.
        grain,

        ---------- numerics
        cast(impressions as bigint) as impressions,
        cast(clicks as bigint) as clicks,
        -- The account's currency; join stg_linkedin_ads__accounts downstream for it.
        -- NULL when the export asked for costInUsd only.
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
