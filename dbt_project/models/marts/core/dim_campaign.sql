with

platform_campaigns as (

    select * from {{ ref('int_campaigns__sources') }}

),

-- utm_campaign values that resolved to no platform campaign (one key per tag, whichever
-- platform hints its visits carried).
web_campaigns as (

    select
        campaign_key,
        'web' as platform,
        case when bool_or(is_event) then 'event' else 'web_utm' end as campaign_type,
        min(utm_campaign) as campaign_id,
        min(utm_campaign) as campaign_name,
        cast(null as varchar) as ad_account_id,
        cast(null as varchar) as currency_code,
        cast(null as varchar) as nurture_program,
        cast(null as varchar) as parent_campaign_key
    from {{ ref('int_campaigns__utm_resolved') }}
    where not is_platform_campaign
    group by campaign_key

),

unioned as (

    select * from platform_campaigns
    union all
    select * from web_campaigns

),

utm_tags as (

    select
        campaign_key,
        list(distinct utm_campaign order by utm_campaign) as utm_campaigns
    from {{ ref('int_campaigns__utm_resolved') }}
    group by campaign_key

),

final as (

    select
        unioned.campaign_key,
        unioned.platform,
        unioned.campaign_type,
        unioned.campaign_id,
        unioned.campaign_name,
        unioned.ad_account_id,
        unioned.currency_code,
        unioned.nurture_program,
        unioned.parent_campaign_key,
        coalesce(utm_tags.utm_campaigns, []) as utm_campaigns
    from unioned
    left join utm_tags
        on unioned.campaign_key = utm_tags.campaign_key

)

select * from final
