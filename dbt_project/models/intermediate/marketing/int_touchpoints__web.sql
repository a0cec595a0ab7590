{#- Web touches: one per session (an ad click when the landing page has a click id, event
    attendance when tagged as an event link, else a web session) and one per form
    submission. Visitors stitched to a contact bring their earlier anonymous sessions
    with them; a session is before identification when it ended before the visitor first
    identified: its first identifying form or identify call, or its first event carrying a
    Segment userId (a link from an email carries the recipient), whichever came first. -#}
with

sessions as (

    select
        *,
        min(first_identified_event_at) over (partition by anonymous_id) as visitor_first_identified_event_at
    from {{ ref('int_web__sessions') }}

),

stitched as (

    select * from {{ ref('int_visitors__stitched') }}

),

form_submissions as (

    select
        session_id,
        message_id,
        anonymous_id,
        event_at,
        form_id,
        form_type,
        form_email_normalized
    from {{ ref('stg_web__events') }}
    where
        event_name = 'Form Submitted'
        and session_id is not null

),

emails as (

    select * from {{ ref('int_contacts__emails') }}

),

session_touches as (

    select
        'segment' as source_system,
        sessions.session_id as natural_key,
        case
            when sessions.click_id_type is not null then 'ad_click'
            when {{ is_event_medium('sessions.utm_medium') }} then 'event_attendance'
            else 'web_session'
        end as touch_type,
        sessions.started_at as touched_at,
        stitched.contact_key,
        sessions.anonymous_id,
        sessions.session_id,
        case
            when stitched.contact_key is not null
                then sessions.ended_at < least(stitched.identified_at, sessions.visitor_first_identified_event_at)
        end as is_before_identification,
        cast(null as varchar) as form_type
    from sessions
    left join stitched
        on sessions.anonymous_id = stitched.anonymous_id

),

form_touches as (

    select
        'segment' as source_system,
        form_submissions.message_id as natural_key,
        'form_submission' as touch_type,
        form_submissions.event_at as touched_at,
        -- The email typed into the form names the person; else the stitched visitor.
        coalesce(emails.contact_key, stitched.contact_key) as contact_key,
        form_submissions.anonymous_id,
        form_submissions.session_id,
        case
            when emails.contact_key is not null then false
            when stitched.contact_key is not null then form_submissions.event_at < stitched.identified_at
        end as is_before_identification,
        form_submissions.form_type
    from form_submissions
    left join emails
        on form_submissions.form_email_normalized = emails.email_normalized
    left join stitched
        on form_submissions.anonymous_id = stitched.anonymous_id

),

touches as (

    select * from session_touches
    union all
    select * from form_touches

),

final as (

    select
        touches.*,
        sessions.click_id_type,
        sessions.utm_source,
        sessions.utm_medium,
        sessions.utm_campaign,
        sessions.referrer_domain,
        sessions.landing_page_path
    from touches
    inner join sessions
        on touches.session_id = sessions.session_id

)

select * from final
