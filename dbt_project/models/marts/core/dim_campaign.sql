{#- Campaigns in one conformed table: the platforms' campaigns (int_campaigns__sources),
    the utm_campaign values that name none of them, and an unknown member for each campaign
    a fact references that its platform does not list (docs/resilience.md §1): ad spend of
    an unlisted (LinkedIn) or never named (Google, Meta) campaign, SendGrid events of a
    single send the export does not have. -#}
with

platform_campaigns as (

    select * from {{ ref('int_campaigns__sources') }}

),

utm_resolved as (

    select * from {{ ref('int_campaigns__utm_resolved') }}

),

email_events as (

    select * from {{ ref('int_email_events__resolved') }}

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
        cast(null as varchar) as parent_campaign_key,
        false as is_unknown_member
    from utm_resolved
    where not is_platform_campaign
    group by campaign_key

),

-- Single sends that SendGrid events name but the single-send export does not have.
unknown_single_sends as (

    select distinct
        email_events.campaign_key,
        'sendgrid' as platform,
        'single_send' as campaign_type,
        email_events.singlesend_id as campaign_id,
        cast(null as varchar) as campaign_name,
        cast(null as varchar) as ad_account_id,
        cast(null as varchar) as currency_code,
        cast(null as varchar) as nurture_program,
        cast(null as varchar) as parent_campaign_key,
        true as is_unknown_member
    from email_events
    left join platform_campaigns
        on email_events.campaign_key = platform_campaigns.campaign_key
    where
        email_events.campaign_key is not null
        and platform_campaigns.campaign_key is null

),

unioned as (

    select * from platform_campaigns
    union all
    select * from web_campaigns
    union all
    select * from unknown_single_sends

),

utm_tags as (

    select
        campaign_key,
        list(distinct utm_campaign order by utm_campaign) as utm_campaigns
    from utm_resolved
    group by campaign_key

),

final as (

    select
        unioned.campaign_key,
        unioned.platform,
        case when unioned.is_unknown_member then 'unknown' else unioned.campaign_type end as campaign_type,
        unioned.campaign_id,
        case
            when unioned.is_unknown_member then '(unknown campaign ' || unioned.campaign_id || ')'
            else unioned.campaign_name
        end as campaign_name,
        unioned.ad_account_id,
        unioned.currency_code,
        unioned.nurture_program,
        unioned.parent_campaign_key,
        coalesce(utm_tags.utm_campaigns, []) as utm_campaigns,
        unioned.is_unknown_member
    from unioned
    left join utm_tags
        on unioned.campaign_key = utm_tags.campaign_key

)

select * from final
