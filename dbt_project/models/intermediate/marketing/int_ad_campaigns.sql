{#- Every ad campaign of the three platforms, with its newest name. LinkedIn lists its
    campaigns as objects; Google and Meta only name them in the performance reports. A
    campaign with spend that its platform does not know is flagged is_unknown_member
    (docs/resilience.md §1): a LinkedIn campaign missing from the campaign objects, a Google
    or Meta campaign no report row names. -#}
with

reported as (

    select * from {{ ref('int_ad_spend__unioned') }}

),

reported_campaigns as (

    select
        platform,
        campaign_id,
        ad_account_id,
        campaign_name,
        currency_code,
        date_day
    from reported
    -- The name of the newest report row wins (campaigns get renamed); rows of an ad-level
    -- export without campaign_name give way to named ones.
    qualify row_number() over (
        partition by platform, campaign_id
        order by campaign_name is null asc, date_day desc, ad_account_id asc, grain asc
    ) = 1

),

linkedin_campaign_objects as (

    select * from {{ ref('stg_linkedin_ads__campaigns') }}

),

linkedin_accounts as (

    select * from {{ ref('stg_linkedin_ads__accounts') }}

),

linkedin_campaigns as (

    select
        'linkedin_ads' as platform,
        campaigns.campaign_id,
        campaigns.account_id as ad_account_id,
        campaigns.campaign_name,
        accounts.currency_code,
        campaigns.campaign_status
    from linkedin_campaign_objects as campaigns
    left join linkedin_accounts as accounts
        on campaigns.account_id = accounts.account_id

),

campaigns as (

    select
        coalesce(reported_campaigns.platform, linkedin_campaigns.platform) as platform,
        coalesce(reported_campaigns.campaign_id, linkedin_campaigns.campaign_id) as campaign_id,
        coalesce(linkedin_campaigns.ad_account_id, reported_campaigns.ad_account_id) as ad_account_id,
        coalesce(linkedin_campaigns.campaign_name, reported_campaigns.campaign_name) as campaign_name,
        coalesce(reported_campaigns.currency_code, linkedin_campaigns.currency_code) as currency_code,
        linkedin_campaigns.campaign_status,
        case
            when reported_campaigns.platform = 'linkedin_ads' then linkedin_campaigns.campaign_id is null
            else reported_campaigns.campaign_name is null and reported_campaigns.campaign_id != ''
        end as is_unknown_member
    from reported_campaigns
    full outer join linkedin_campaigns
        on
            reported_campaigns.platform = linkedin_campaigns.platform
            and reported_campaigns.campaign_id = linkedin_campaigns.campaign_id

),

final as (

    select
        {{ campaign_key('platform', 'campaign_id') }} as campaign_key,
        platform,
        campaign_id,
        ad_account_id,
        campaign_name,
        currency_code,
        campaign_status,
        coalesce(is_unknown_member, false) as is_unknown_member
    from campaigns

)

select * from final
