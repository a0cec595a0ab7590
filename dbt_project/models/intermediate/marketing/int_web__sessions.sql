{#- Web sessions from the tracker's own session id (context.sessionId). One light hash
    aggregation finds each session's times and landing event (its first page view; a
    session without one lands on its first event); the landing event then gives the
    session's UTM tags, click id and external referrer (a referrer on the site's own host
    is not external). The events are read once (a materialized CTE) because the staging
    view parses JSON and URLs on every read. -#}
with

events as materialized (

    select
        message_id,
        session_id,
        anonymous_id,
        event_type,
        event_at,
        user_id is not null
        or form_email_normalized is not null
        or identify_email_normalized is not null as is_identified_event,
        page_url,
        page_path,
        page_referrer,
        utm_source,
        utm_medium,
        utm_campaign,
        utm_term,
        utm_content,
        gclid,
        fbclid,
        li_fat_id,
        event_name = 'Form Submitted' as is_form_submission
    from {{ ref('stg_web__events') }}
    where session_id is not null

),

sessions as (

    select
        session_id,
        arg_min(message_id, (event_type != 'page', event_at, message_id)) as landing_message_id,
        min(event_at) as started_at,
        max(event_at) as ended_at,
        count(*) filter (where event_type = 'page') as page_view_count,
        count(*) filter (where is_form_submission) as form_submission_count,
        count(*) as event_count,
        -- Segment sets userId on every call once the visitor is known: the first such event
        -- (or an identifying form / identify call) is when this session knew the person.
        min(event_at) filter (where is_identified_event) as first_identified_event_at
    from events
    group by session_id

),

final as (

    select
        sessions.session_id,
        landing.anonymous_id,
        sessions.started_at,
        sessions.ended_at,
        landing.page_url as landing_page_url,
        landing.page_path as landing_page_path,
        landing.page_referrer as referrer_url,
        case
            when
                {{ url_host('landing.page_url') }} is null
                or {{ url_host('landing.page_referrer') }} != {{ url_host('landing.page_url') }}
                then {{ url_host('landing.page_referrer') }}
        end as referrer_domain,
        lower(landing.utm_source) as utm_source,
        lower(landing.utm_medium) as utm_medium,
        landing.utm_campaign,
        landing.utm_term,
        landing.utm_content,
        case
            when landing.gclid is not null then 'gclid'
            when landing.fbclid is not null then 'fbclid'
            when landing.li_fat_id is not null then 'li_fat_id'
        end as click_id_type,
        coalesce(landing.gclid, landing.fbclid, landing.li_fat_id) as click_id,
        sessions.page_view_count,
        sessions.form_submission_count,
        sessions.event_count,
        sessions.first_identified_event_at
    from sessions
    inner join events as landing
        on sessions.landing_message_id = landing.message_id

)

select * from final
