{#- The lead score over time, with the weights of the seed lead_score_weights:
    score(t) = fit + the engagement points of the contact's scoring events at or before t
    (int_lead_scores__events; int_lead_scores__fit for the fit).
    The threshold is crossed by the first event whose running score reaches it; the
    contact becomes an MQL by score at that event, or at lead creation if the event came
    before it. Points do not decay. -#}
with

weights as (

    select * from {{ ref('lead_score_weights') }}

),

scoring_events as (

    select * from {{ ref('int_lead_scores__events') }}

),

fit as (

    select * from {{ ref('int_lead_scores__fit') }}

),

threshold as (

    select max(cast(points as integer)) as mql_threshold from weights
    where component = 'threshold'

),

running as (

    select
        scoring_events.*,
        fit.lead_created_at,
        fit.fit_score,
        sum(scoring_events.engagement_points) over contact_timeline as engagement_score,
        fit.fit_score + sum(scoring_events.engagement_points) over contact_timeline
            as running_score,
        row_number() over contact_timeline as scoring_event_number
    from scoring_events
    inner join fit
        on scoring_events.contact_key = fit.contact_key
    window contact_timeline as (
        partition by scoring_events.contact_key
        order by
            scoring_events.scored_at, scoring_events.scoring_source,
            scoring_events.source_event_id
        rows between unbounded preceding and current row
    )

),

crossings as (

    select
        running.*,
        threshold.mql_threshold,
        running.running_score >= threshold.mql_threshold
        and coalesce(
            max(running.running_score) over (
                partition by running.contact_key
                order by running.scoring_event_number
                rows between unbounded preceding and 1 preceding
            ) < threshold.mql_threshold,
            true
        ) as crossed_mql_threshold
    from running
    cross join threshold

),

final as (

    select
        {{ surrogate_key(['contact_key', 'scoring_source', 'source_event_id']) }}
            as lead_score_event_id,
        contact_key,
        scoring_event_number,
        scored_at,
        scoring_source,
        source_event_id,
        scored_components,
        engagement_points,
        fit_score,
        engagement_score,
        running_score,
        mql_threshold,
        scored_at < lead_created_at as is_before_lead_creation,
        crossed_mql_threshold,
        case
            when crossed_mql_threshold then greatest(scored_at, lead_created_at)
        end as mql_threshold_crossed_at
    from crossings

)

select * from final
