{#- Every event that changes a contact's lead score, in one shape: the fit at lead
    creation (no engagement points of its own), the web sessions and the email clicks that
    earn points. fct_lead_scores adds them up in order. -#}
with

fit as (

    select * from {{ ref('int_lead_scores__fit') }}

),

web_sessions as (

    select * from {{ ref('int_lead_scores__web_sessions') }}

),

email_clicks as (

    select * from {{ ref('int_lead_scores__email_clicks') }}

),

fit_events as (

    select
        contact_key,
        'fit' as scoring_source,
        contact_key as source_event_id,
        lead_created_at as scored_at,
        0 as engagement_points,
        'fit' as scored_components
    from fit
    where lead_created_at is not null

),

final as (

    select * from fit_events
    union all
    select
        contact_key,
        scoring_source,
        source_event_id,
        scored_at,
        engagement_points,
        scored_components
    from web_sessions
    union all
    select
        contact_key,
        scoring_source,
        source_event_id,
        scored_at,
        engagement_points,
        scored_components
    from email_clicks

)

select * from final
