{#- The three ad platforms' daily campaign reports in one shape, in account currency.
    Staging already keeps the newest restatement of each day and drops malformed rows. -#}
with

google_ads as (

    select
        'google_ads' as platform,
        customer_id as ad_account_id,
        campaign_id,
        campaign_name,
        currency_code,
        date_day,
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
-- campaign and account objects.
linkedin_ads as (

    select
        'linkedin_ads' as platform,
        linkedin_campaigns.account_id as ad_account_id,
        analytics.campaign_id,
        linkedin_campaigns.campaign_name,
        linkedin_accounts.currency_code,
        analytics.date_day,
        analytics.impressions,
        analytics.clicks,
        analytics.spend
    from linkedin_analytics as analytics
    left join linkedin_campaigns
        on analytics.campaign_id = linkedin_campaigns.campaign_id
    left join linkedin_accounts
        on linkedin_campaigns.account_id = linkedin_accounts.account_id

),

unioned as (

    select * from google_ads
    union all
    select * from meta_ads
    union all
    select * from linkedin_ads

)

select * from unioned
