{#- Agreement between the score-based MQL (score crossed the threshold, fct_lead_scores) and
    the CRM's own MQL (lifecycle stage set, not inferred) per lead-creation month: how many
    leads both, only one or neither call an MQL, the agreement rate ((both + neither) /
    leads) and the median hours the CRM MQL lags the score crossing. Cohort-based. -#}
with

leads as (

    select * from {{ ref('int_metrics__lead_score_outcomes') }}

),

aggregated as (

    select
        cast(date_trunc('month', lead_at) as date) as month_start,
        count(*) as leads,
        count(*) filter (where is_score_mql and is_crm_mql) as mql_by_both,
        count(*) filter (where is_score_mql and not is_crm_mql) as mql_by_score_only,
        count(*) filter (where is_crm_mql and not is_score_mql) as mql_by_crm_only,
        count(*) filter (where not is_score_mql and not is_crm_mql) as mql_by_neither,
        quantile_cont((epoch(crm_mql_at) - epoch(score_mql_at)) / 3600.0, 0.5) filter (
            where is_score_mql and is_crm_mql
        ) as median_hours_crm_after_score
    from leads
    group by all

),

final as (

    select
        month_start,
        cast(leads as bigint) as leads,
        cast(mql_by_both as bigint) as mql_by_both,
        cast(mql_by_score_only as bigint) as mql_by_score_only,
        cast(mql_by_crm_only as bigint) as mql_by_crm_only,
        cast(mql_by_neither as bigint) as mql_by_neither,
        cast(median_hours_crm_after_score as double) as median_hours_crm_after_score,
        {{ metrics_ratio('mql_by_both + mql_by_neither', 'leads') }} as agreement_rate
    from aggregated

)

select * from final
