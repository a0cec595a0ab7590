{#- Agreement between the score-based MQL (score crossed the threshold, fct_lead_scores) and
    the CRM's own MQL (lifecycle stage set, not inferred): how many leads both, only one or
    neither call an MQL, the agreement rate ((both + neither) / leads) and the median hours
    the CRM MQL lags the score crossing. Cohort-based by the period of lead creation. -#}
with

leads as (

    select * from {{ ref('int_metrics__lead_score_outcomes') }}

),

aggregated as (

    select
        period_grains.period_grain,
        {{ metrics_period_start('leads.lead_at', 'period_grains.period_grain') }} as period_start,
        count(*) as leads,
        count(*) filter (where leads.is_score_mql and leads.is_crm_mql) as mql_by_both,
        count(*) filter (where leads.is_score_mql and not leads.is_crm_mql) as mql_by_score_only,
        count(*) filter (where leads.is_crm_mql and not leads.is_score_mql) as mql_by_crm_only,
        count(*) filter (where not leads.is_score_mql and not leads.is_crm_mql) as mql_by_neither,
        quantile_cont((epoch(leads.crm_mql_at) - epoch(leads.score_mql_at)) / 3600.0, 0.5) filter (
            where leads.is_score_mql and leads.is_crm_mql
        ) as median_hours_crm_after_score
    from leads
    cross join {{ metrics_period_grains() }}
    group by all

),

final as (

    select
        *,
        {{ metrics_ratio('mql_by_both + mql_by_neither', 'leads') }} as agreement_rate
    from aggregated

)

select * from final
