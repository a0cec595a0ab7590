{#- Each utm_campaign seen on the web, per the platform its visits came from, resolved to
    that platform's campaign: the campaign id itself, else the same name as a slug
    ('Brand - Search' = 'brand-search'), else a name containing every word of the tag
    ('brand' in 'Brand - Search', 'ebook-prospecting' in 'Prospecting - Ebook'). Only an
    unambiguous best match resolves; everything else is the web-only campaign
    `web:<utm_campaign>`. -#}
with

sessions as (

    select * from {{ ref('int_web__sessions') }}
    where utm_campaign is not null

),

tags as (

    select
        utm_campaign,
        coalesce(
            {{ campaign_platform_hint('click_id_type', 'utm_source', 'utm_medium') }}, 'web'
        ) as platform_hint,
        bool_or({{ is_event_medium('utm_medium') }}) as is_event,
        min(started_at) as first_seen_at,
        max(started_at) as last_seen_at,
        count(*) as session_count
    from sessions
    group by all

),

campaigns as (

    select
        campaign_key,
        platform,
        campaign_id,
        campaign_name,
        {{ campaign_name_tokens('campaign_name') }} as name_tokens
    from {{ ref('int_campaigns__sources') }}
    where campaign_type in ('ad_campaign', 'single_send')

),

candidates as (

    select
        tags.utm_campaign,
        tags.platform_hint,
        campaigns.campaign_key,
        case
            when lower(tags.utm_campaign) = lower(campaigns.campaign_id) then 1
            when {{ campaign_name_tokens('tags.utm_campaign') }} = campaigns.name_tokens then 2
            else 3
        end as match_rank
    from tags
    inner join campaigns
        on
            tags.platform_hint = campaigns.platform
            and (
                lower(tags.utm_campaign) = lower(campaigns.campaign_id)
                or (
                    len({{ campaign_name_tokens('tags.utm_campaign') }}) > 0
                    and list_has_all(campaigns.name_tokens, {{ campaign_name_tokens('tags.utm_campaign') }})
                )
            )

),

best_matches as (

    select
        utm_campaign,
        platform_hint,
        campaign_key,
        match_rank
    from candidates
    qualify
        count(*) over (partition by utm_campaign, platform_hint, match_rank) = 1
        and match_rank = min(match_rank) over (partition by utm_campaign, platform_hint)

),

final as (

    select
        tags.utm_campaign,
        tags.platform_hint,
        coalesce(best_matches.campaign_key, 'web:' || tags.utm_campaign) as campaign_key,
        best_matches.campaign_key is not null as is_platform_campaign,
        case best_matches.match_rank
            when 1 then 'campaign_id'
            when 2 then 'campaign_name'
            when 3 then 'campaign_name_words'
            else 'web_only'
        end as match_method,
        tags.is_event,
        tags.first_seen_at,
        tags.last_seen_at,
        tags.session_count
    from tags
    left join best_matches
        on
            tags.utm_campaign = best_matches.utm_campaign
            and tags.platform_hint = best_matches.platform_hint

)

select * from final
