{#- Web events in a session of a visitor id stitched to a contact (int_visitors__stitched;
    anonymous events before identification included), with the session's start as the
    contact's first event in it. -#}
with

events as (

    select * from {{ ref('stg_web__events') }}

),

stitched as (

    select * from {{ ref('int_visitors__stitched') }}

),

final as (

    select
        events.message_id,
        stitched.contact_key,
        events.session_id,
        events.anonymous_id,
        events.event_type,
        events.page_path,
        events.page_url,
        events.form_type,
        events.event_at,
        min(events.event_at) over (
            partition by stitched.contact_key, events.session_id
        ) as session_started_at
    from events
    inner join stitched
        on events.anonymous_id = stitched.anonymous_id
    where events.session_id is not null

)

select * from final
