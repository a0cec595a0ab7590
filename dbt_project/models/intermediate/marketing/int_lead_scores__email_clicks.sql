{#- Lead-score events from email: each SendGrid event of a known contact whose type
    earns points (seed lead_score_weights, match_on `email_event`: the click). An email
    click and the visit it opens are one touch: the click scores when that visit starts
    (the tracker's clock, like every other web touch), else at the click itself. The visit
    is the first page view of the clicked URL by the contact within an hour of the click. -#}
with

weights as (

    select * from {{ ref('lead_score_weights') }}

),

email_events as (

    select * from {{ ref('int_email_events__resolved') }}

),

web_events as (

    select * from {{ ref('int_web__stitched_events') }}

),

email_event_weights as (

    select
        attribute,
        value,
        cast(points as integer) as points
    from weights
    where
        component = 'engagement'
        and match_on = 'email_event'

),

email_clicks as (

    select
        email_events.contact_key,
        email_events.email_event_id as event_id,
        email_events.event_at as clicked_at,
        email_events.click_url,
        email_event_weights.attribute,
        email_event_weights.points
    from email_events
    inner join email_event_weights
        on email_events.event_type = email_event_weights.value
    where email_events.contact_key is not null

),

email_click_visits as (

    select
        email_clicks.event_id,
        web_events.session_started_at
    from email_clicks
    inner join web_events
        on
            email_clicks.contact_key = web_events.contact_key
            and email_clicks.click_url = web_events.page_url
            and web_events.event_type = 'page'
            and email_clicks.clicked_at <= web_events.event_at
            and web_events.event_at < email_clicks.clicked_at + interval 1 hour
    qualify row_number() over (
        partition by email_clicks.event_id order by web_events.event_at, web_events.session_id
    ) = 1

),

final as (

    select
        email_clicks.contact_key,
        'email_click' as scoring_source,
        email_clicks.event_id as source_event_id,
        coalesce(email_click_visits.session_started_at, email_clicks.clicked_at) as scored_at,
        email_clicks.points as engagement_points,
        email_clicks.attribute as scored_components
    from email_clicks
    left join email_click_visits
        on email_clicks.event_id = email_click_visits.event_id
    where email_clicks.points != 0

)

select * from final
