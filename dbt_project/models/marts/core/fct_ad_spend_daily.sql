with

spend as (

    select * from {{ ref('int_ad_spend__campaign_daily') }}

),

fx_rates as (

    select * from {{ ref('int_fx_rates') }}

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
        -- The day's rate; USD accounts convert at 1 even without a rate row.
        cast(round(
            spend.spend * case
                when spend.currency_code = '{{ var("reporting_currency") }}' then 1
                else fx_rates.rate_to_usd
            end, 6
        ) as decimal(18, 6)) as spend_usd
    from spend
    left join fx_rates
        on
            spend.date_day = fx_rates.date_day
            and spend.currency_code = fx_rates.currency_code

)

select * from final
