{#- The lead score over time, mirroring ingestion/demo/scoring.py with the weights of the
    seed lead_score_weights: score(t) = fit + the engagement points of the contact's
    scoring events at or before t (sessions of stitched visitor ids count, the anonymous
    ones before identification included). A web session scores once, at its start, for its
    page views (a path equal to the weight's value or below it) and form submissions; a
    SendGrid click scores when the visit it opened starts (else at the click). The fit is a scoring event of its own at lead
    creation. The threshold is crossed by the first event whose running score reaches it;
    the contact becomes an MQL by score at that event, or at lead creation if the event came
    before it. Points do not decay. -#}
with

weights as (

    select
        component,
        attribute,
        value,
        cast(points as integer) as points,
        match_on
    from {{ ref('lead_score_weights') }}

),

threshold as (

    select max(points) as mql_threshold from weights
    where component = 'threshold'

),

contacts as (

    select
        dim_contact.contact_key,
        dim_contact.created_at as lead_created_at,
        dim_contact.seniority,
        dim_contact.is_decision_maker,
        coalesce(dim_contact.number_of_employees, dim_account.number_of_employees)
            as number_of_employees,
        coalesce(dim_contact.industry, dim_account.industry) as industry
    from {{ ref('dim_contact') }} as dim_contact
    left join {{ ref('dim_account') }} as dim_account
        on dim_contact.account_key = dim_account.account_key

),

-- company_size rows are (minimum employees, points): the largest minimum reached wins.
fit_parts as (

    select
        contacts.contact_key,
        coalesce(max(weights.points) filter (
            where weights.match_on = 'contact_seniority' and weights.value = contacts.seniority
        ), 0) as seniority_points,
        coalesce(arg_max(weights.points, {{ try_cast('weights.value', 'bigint') }}) filter (
            where weights.match_on = 'minimum_employees'
            and contacts.number_of_employees >= {{ try_cast('weights.value', 'bigint') }}
        ), 0) as company_size_points,
        coalesce(max(weights.points) filter (
            where weights.match_on = 'company_industry' and weights.value = contacts.industry
        ), 0) as industry_points,
        coalesce(max(weights.points) filter (
            where weights.match_on = 'contact_decision_maker'
            and weights.value = cast(coalesce(contacts.is_decision_maker, false) as varchar)
        ), 0) as decision_maker_points
    from contacts
    cross join weights
    where weights.component = 'fit'
    group by contacts.contact_key

),

fit as (

    select
        contact_key,
        seniority_points + company_size_points + industry_points + decision_maker_points
            as fit_score,
        seniority_points,
        company_size_points,
        industry_points,
        decision_maker_points
    from fit_parts

),

stitched as (

    select
        anonymous_id,
        contact_key
    from {{ ref('int_visitors__stitched') }}

),

web_events as (

    select
        stitched.contact_key,
        events.session_id,
        events.anonymous_id,
        events.event_type,
        events.page_path,
        events.page_url,
        events.form_type,
        events.event_at
    from {{ ref('stg_web__events') }} as events
    inner join stitched
        on events.anonymous_id = stitched.anonymous_id
    where events.session_id is not null

),

sessions as (

    select
        contact_key,
        session_id,
        min(event_at) as session_started_at
    from web_events
    group by contact_key, session_id

),

web_points as (

    select
        web_events.contact_key,
        web_events.session_id,
        weights.attribute,
        weights.points
    from web_events
    inner join weights
        on
            weights.component = 'engagement'
            and (
                (
                    weights.match_on = 'page_path' and web_events.event_type = 'page'
                    and (
                        web_events.page_path = weights.value
                        or starts_with(web_events.page_path, weights.value || '/')
                    )
                )
                or (weights.match_on = 'form_type' and web_events.form_type = weights.value)
            )

),

web_scoring_events as (

    select
        web_points.contact_key,
        'web_session' as scoring_source,
        web_points.session_id as source_event_id,
        sessions.session_started_at as scored_at,
        sum(web_points.points) as engagement_points,
        string_agg(distinct web_points.attribute, ',' order by web_points.attribute)
            as scored_components
    from web_points
    inner join sessions
        on
            web_points.contact_key = sessions.contact_key
            and web_points.session_id = sessions.session_id
    group by web_points.contact_key, web_points.session_id, sessions.session_started_at

),

email_clicks as (

    select
        emails.contact_key,
        events.event_id,
        events.event_at as clicked_at,
        events.click_url,
        weights.attribute,
        weights.points
    from {{ ref('stg_sendgrid__events') }} as events
    inner join weights
        on
            weights.component = 'engagement'
            and weights.match_on = 'email_event'
            and events.event_type = weights.value
    inner join {{ ref('int_contacts__emails') }} as emails
        on events.email_normalized = emails.email_normalized

),

-- An email click and the visit it opens are one touch: the click scores when that visit
-- starts (the tracker's clock, like every other web touch), else at the click itself.
email_click_visits as (

    select
        email_clicks.event_id,
        sessions.session_started_at
    from email_clicks
    inner join web_events
        on
            email_clicks.contact_key = web_events.contact_key
            and email_clicks.click_url = web_events.page_url
            and web_events.event_type = 'page'
            and email_clicks.clicked_at <= web_events.event_at
            and web_events.event_at < email_clicks.clicked_at + interval 1 hour
    inner join sessions
        on
            web_events.contact_key = sessions.contact_key
            and web_events.session_id = sessions.session_id
    qualify row_number() over (
        partition by email_clicks.event_id order by web_events.event_at, web_events.session_id
    ) = 1

),

email_scoring_events as (

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

),

fit_scoring_events as (

    select
        contacts.contact_key,
        'fit' as scoring_source,
        contacts.contact_key as source_event_id,
        contacts.lead_created_at as scored_at,
        0 as engagement_points,
        'fit' as scored_components
    from contacts
    where contacts.lead_created_at is not null

),

scoring_events as (

    select * from fit_scoring_events
    union all
    select * from web_scoring_events
    where engagement_points != 0
    union all
    select * from email_scoring_events
    where engagement_points != 0

),

running as (

    select
        scoring_events.*,
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
        {{ surrogate_key(['crossings.contact_key', 'crossings.scoring_source',
                          'crossings.source_event_id']) }} as lead_score_event_id,
        crossings.contact_key,
        crossings.scoring_event_number,
        crossings.scored_at,
        crossings.scoring_source,
        crossings.source_event_id,
        crossings.scored_components,
        crossings.engagement_points,
        crossings.fit_score,
        crossings.engagement_score,
        crossings.running_score,
        crossings.mql_threshold,
        crossings.scored_at < contacts.lead_created_at as is_before_lead_creation,
        crossings.crossed_mql_threshold,
        case
            when crossings.crossed_mql_threshold
                then greatest(crossings.scored_at, contacts.lead_created_at)
        end as mql_threshold_crossed_at
    from crossings
    inner join contacts
        on crossings.contact_key = contacts.contact_key

)

select * from final
