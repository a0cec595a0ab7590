{#- The three ad platforms' daily reports in one shape, in account currency, at the grain
    each was exported (`grain`: sub-campaign ids and breakdowns, '' at campaign level).
    Rows of several grains may hold the same spend: int_ad_spend__campaign_daily picks one
    grain family per campaign-day. Staging already keeps the newest restatement of each
    day and drops malformed rows. -#}
with

google_ads as (

    select
        'google_ads' as platform,
        customer_id as ad_account_id,
        campaign_id,
        campaign_name,
        currency_code,
        date_day,
        grain,
        impressions,
        clicks,
        spend
    from {{ ref('stg_google_ads__campaign_report') }}

),

meta_ads as (

    select
        'meta_ads' as platform,
        account_id as ad_account_id,
        campaign_id,
        campaign_name,
        currency_code,
        date_day,
        grain,
        impressions,
        clicks,
        spend
    from {{ ref('stg_meta_ads__insights') }}

),

linkedin_analytics as (

    select * from {{ ref('stg_linkedin_ads__ad_analytics') }}

),

linkedin_campaigns as (

    select * from {{ ref('stg_linkedin_ads__campaigns') }}

),

linkedin_accounts as (

    select * from {{ ref('stg_linkedin_ads__accounts') }}

),

-- LinkedIn reports by campaign URN only: the account and its currency come from the
-- campaign and account objects. An export with costInUsd only is spend in USD. Rows of a
-- CREATIVE-only pivot name no campaign and cannot be placed on one: they stay in staging.
-- A campaign (or account currency) the objects do not list (docs/resilience.md §1): the
-- account is 'unknown' and, with costInUsd, the spend is that USD amount; without it the
-- currency is 'unknown' too (no USD amount; counted in metrics.mart_data_quality).
linkedin_ads as (

    select
        'linkedin_ads' as platform,
        coalesce(linkedin_campaigns.account_id, 'unknown') as ad_account_id,
        analytics.campaign_id,
        linkedin_campaigns.campaign_name,
        case
            when
                analytics.spend_usd is not null
                and (analytics.spend is null or linkedin_accounts.currency_code is null)
                then 'USD'
            else coalesce(linkedin_accounts.currency_code, 'unknown')
        end as currency_code,
        analytics.date_day,
        analytics.grain,
        analytics.impressions,
        analytics.clicks,
        case
            when
                analytics.spend_usd is not null
                and (analytics.spend is null or linkedin_accounts.currency_code is null)
                then analytics.spend_usd
            else analytics.spend
        end as spend
    from linkedin_analytics as analytics
    left join linkedin_campaigns
        on analytics.campaign_id = linkedin_campaigns.campaign_id
    left join linkedin_accounts
        on linkedin_campaigns.account_id = linkedin_accounts.account_id
    where analytics.campaign_id is not null

),

unioned as (

    select * from google_ads
    union all
    select * from meta_ads
    union all
    select * from linkedin_ads

)

select * from unioned
