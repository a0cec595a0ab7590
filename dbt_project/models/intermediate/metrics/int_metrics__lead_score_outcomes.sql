{#- Each lead's score and how far it went: peak score (points never decay, so the last
    score), its band, whether and when the score crossed the MQL threshold, whether the CRM
    made it an MQL itself (not inferred), and whether it reached SQL and customer. -#}
with

contacts as (

    select * from {{ ref('fct_contact_funnel') }}
    where lead_at is not null

),

scores as (

    select * from {{ ref('fct_lead_scores') }}

),

bands as (

    select * from {{ ref('metrics_score_bands') }}

),

per_contact as (

    select
        contact_key,
        cast(max(running_score) as bigint) as peak_score,
        min(mql_threshold_crossed_at) as score_mql_at
    from scores
    group by contact_key

),

final as (

    select
        contacts.contact_key,
        contacts.lead_at,
        per_contact.peak_score,
        case
            when per_contact.peak_score is null then 'unscored'
            else coalesce(bands.score_band, '(unknown)')
        end as score_band,
        per_contact.score_mql_at,
        per_contact.score_mql_at is not null as is_score_mql,
        case when not coalesce(contacts.mql_is_inferred, false) then contacts.mql_at end as crm_mql_at,
        contacts.mql_at is not null and not coalesce(contacts.mql_is_inferred, false) as is_crm_mql,
        contacts.sql_at is not null as reached_sql,
        contacts.customer_at is not null as reached_customer
    from contacts
    left join per_contact
        on contacts.contact_key = per_contact.contact_key
    left join bands
        on
            per_contact.peak_score >= bands.min_score
            and (bands.max_score is null or per_contact.peak_score <= bands.max_score)

)

select * from final
