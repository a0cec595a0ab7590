{#- Per contact: the lead score today, when it made the contact an MQL, and whether the
    CRM agrees. The CRM's MQL (first entry to mql in fct_contact_funnel, not filled) agrees
    with the score when both exist and the CRM's is at most `lead_score_mql_tolerance_hours`
    (default 48) after the score's, or before it by no more than that. -#}
{%- set tolerance_hours = var('lead_score_mql_tolerance_hours', 48) | int %}
with

scores as (

    select * from {{ ref('fct_lead_scores') }}

),

funnel as (

    select
        contact_key,
        mql_entered_at
    from {{ ref('fct_contact_funnel') }}

),

per_contact as (

    select
        contact_key,
        max(fit_score) as fit_score,
        max(engagement_score) as engagement_score,
        arg_max(running_score, scoring_event_number) as lead_score,
        max(mql_threshold) as mql_threshold,
        min(mql_threshold_crossed_at) as score_mql_at,
        count(*) filter (where scoring_source != 'fit') as scoring_event_count
    from scores
    group by contact_key

),

compared as (

    select
        funnel.contact_key,
        per_contact.fit_score,
        per_contact.engagement_score,
        per_contact.lead_score,
        per_contact.mql_threshold,
        per_contact.scoring_event_count,
        per_contact.score_mql_at,
        funnel.mql_entered_at as crm_mql_at,
        date_diff('second', per_contact.score_mql_at, funnel.mql_entered_at) / 3600.0
            as hours_crm_after_score
    from funnel
    left join per_contact
        on funnel.contact_key = per_contact.contact_key

),

final as (

    select
        *,
        case
            when score_mql_at is null and crm_mql_at is null then 'neither'
            when crm_mql_at is null then 'score_only'
            when score_mql_at is null then 'crm_only'
            when abs(hours_crm_after_score) <= {{ tolerance_hours }} then 'agree'
            else 'disagree'
        end as mql_agreement,
        coalesce(
            abs(hours_crm_after_score) <= {{ tolerance_hours }}
            or (score_mql_at is null and crm_mql_at is null),
            false
        ) as score_and_crm_agree,
        {{ tolerance_hours }} as tolerance_hours
    from compared

)

select * from final
