{#- Lead-score events from the web: a session of the contact's stitched visitor ids
    scores once, at its start, for its page views (a path equal to a weight's value or
    below it) and form submissions (seed lead_score_weights, component `engagement`).
    Sessions that earn no points are left out. -#}
with

weights as (

    select * from {{ ref('lead_score_weights') }}

),

web_events as (

    select * from {{ ref('int_web__stitched_events') }}

),

engagement_weights as (

    select
        attribute,
        value,
        cast(points as integer) as points,
        match_on
    from weights
    where component = 'engagement'

),

web_points as (

    select
        web_events.contact_key,
        web_events.session_id,
        web_events.session_started_at,
        engagement_weights.attribute,
        engagement_weights.points
    from web_events
    inner join engagement_weights
        on
            (
                engagement_weights.match_on = 'page_path' and web_events.event_type = 'page'
                and (
                    web_events.page_path = engagement_weights.value
                    or starts_with(web_events.page_path, engagement_weights.value || '/')
                )
            )
            or (
                engagement_weights.match_on = 'form_type'
                and web_events.form_type = engagement_weights.value
            )

),

final as (

    select
        contact_key,
        'web_session' as scoring_source,
        session_id as source_event_id,
        session_started_at as scored_at,
        sum(points) as engagement_points,
        string_agg(distinct attribute, ',' order by attribute) as scored_components
    from web_points
    group by contact_key, session_id, session_started_at
    having sum(points) != 0

)

select * from final
