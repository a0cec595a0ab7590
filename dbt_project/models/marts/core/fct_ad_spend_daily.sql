{#- Ad spend per platform, account, campaign and day (int_ad_spend__campaign_daily) in USD
    at the day's rate; a day whose rate has not arrived takes the currency's last known
    rate, flagged fx_rate_is_estimated (int_fx_rates, docs/resilience.md §1). -#}
with

spend as (

    select * from {{ ref('int_ad_spend__campaign_daily') }}

),

fx_rates as (

    select * from {{ ref('int_fx_rates') }}

),

fx_span as (

    select
        min(date_day) as first_day,
        max(date_day) as last_day
    from fx_rates

),

final as (

    select
        spend.date_day,
        spend.platform,
        spend.ad_account_id,
        spend.campaign_id,
        {{ campaign_key('spend.platform', 'spend.campaign_id') }} as campaign_key,
        spend.campaign_name,
        spend.currency_code as currency,
        spend.impressions,
        spend.clicks,
        spend.spend,
        spend.grain_family,
        -- USD accounts convert at 1 even without a rate row.
        cast(round(
            spend.spend * {{ fx_rate_to_usd('spend.currency_code', 'fx_rates') }}, 6
        ) as decimal(18, 6)) as spend_usd,
        {{ fx_rate_date('spend.currency_code', 'spend.date_day', 'fx_rates') }} as fx_rate_date,
        {{ fx_rate_is_estimated('spend.currency_code', 'spend.date_day', 'fx_rates') }} as fx_rate_is_estimated
    from spend
    cross join fx_span
    left join fx_rates
        on
            spend.currency_code = fx_rates.currency_code
            and {{ fx_rate_day('spend.date_day', 'fx_span') }} = fx_rates.date_day

)

select * from final
