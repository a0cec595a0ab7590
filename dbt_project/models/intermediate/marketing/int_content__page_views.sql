{#- Web page views with the contact their visitor id is stitched to (NULL while never
    identified) and the page path normalized as the seed content_catalog lists paths
    (trailing slash dropped, the root stays '/'). -#}
with

events as (

    select * from {{ ref('stg_web__events') }}
    where event_type = 'page'

),

stitched as (

    select * from {{ ref('int_visitors__stitched') }}

),

final as (

    select
        events.message_id as page_view_key,
        stitched.contact_key,
        events.anonymous_id as visitor_id,
        events.session_id,
        events.event_at as viewed_at,
        coalesce(nullif(rtrim(trim(events.page_path), '/'), ''), '/') as page_path,
        nullif(trim(coalesce(events.page_title, events.page_name)), '') as page_title
    from events
    left join stitched
        on events.anonymous_id = stitched.anonymous_id
    where nullif(trim(events.page_path), '') is not null

)

select * from final
