with

touches as (

    select * from {{ ref('int_touchpoints__unioned') }}

),

channels as (

    select * from {{ ref('int_touchpoints__channels') }}

),

utm_campaigns as (

    select * from {{ ref('int_campaigns__utm_resolved') }}

),

contact_accounts as (

    select * from {{ ref('int_contacts__accounts') }}

),

joined as (

    select
        touches.touchpoint_id,
        touches.contact_key,
        contact_accounts.account_key,
        touches.anonymous_id,
        touches.session_id,
        touches.touched_at,
        touches.touch_type,
        channels.channel,
        channels.channel_rule_priority,
        touches.utm_source,
        touches.utm_medium,
        touches.utm_campaign,
        touches.click_id_type,
        touches.referrer_domain,
        coalesce(touches.campaign_key, utm_campaigns.campaign_key) as campaign_key,
        touches.is_before_identification,
        touches.source_system,
        touches.natural_key as source_record_id,
        touches.landing_page_path,
        touches.form_type,
        touches.activity_id
    from touches
    left join channels
        on
            touches.touch_type = channels.touch_type
            and coalesce(touches.click_id_type, '(none)') = channels.click_id_type
            and coalesce(touches.utm_medium, '(none)') = channels.utm_medium
            and coalesce(touches.utm_source, '(none)') = channels.utm_source
            and coalesce(touches.referrer_domain, '(none)') = channels.referrer_domain
    left join utm_campaigns
        on
            touches.utm_campaign = utm_campaigns.utm_campaign
            and coalesce(touches.campaign_platform_hint, 'web') = utm_campaigns.platform_hint
    left join contact_accounts
        on touches.contact_key = contact_accounts.contact_key

),

final as (

    select
        touchpoint_id,
        contact_key,
        account_key,
        anonymous_id,
        session_id,
        touched_at,
        touch_type,
        channel,
        -- GA-style source / medium: the tags, else what the visit or the system says.
        coalesce(
            utm_source,
            referrer_domain,
            case source_system when 'segment' then '(direct)' else source_system end
        ) as source,
        coalesce(
            utm_medium,
            case
                when channel = 'organic_search' then 'organic'
                when referrer_domain is not null then 'referral'
                when touch_type in ('email_click', 'email_open') then 'email'
                when touch_type in ('sales_call', 'sales_meeting') then 'sales'
                else '(none)'
            end
        ) as medium,
        campaign_key,
        utm_source,
        utm_medium,
        utm_campaign,
        click_id_type,
        referrer_domain,
        is_before_identification,
        -- Opens say little about intent: attribution may leave them out.
        touch_type != 'email_open' as is_attributable,
        source_system,
        source_record_id,
        landing_page_path,
        form_type,
        activity_id,
        channel_rule_priority,
        -- The contact's touches in order; ties on time broken by the stable key.
        case when contact_key is not null then row_number() over (
            partition by contact_key order by touched_at, touchpoint_id
        ) end as contact_touch_number
    from joined

)

select * from final
