{#- Does the lead score predict outcomes? Leads per score band (peak score) and their
    conversion to SQL and to customer (won). Cohort-based by the period of lead creation. -#}
with

leads as (

    select * from {{ ref('int_metrics__lead_score_outcomes') }}

),

aggregated as (

    select
        period_grains.period_grain,
        {{ metrics_period_start('leads.lead_at', 'period_grains.period_grain') }} as period_start,
        leads.score_band,
        count(*) as leads,
        count(*) filter (where leads.reached_sql) as leads_to_sql,
        count(*) filter (where leads.reached_customer) as leads_to_won
    from leads
    cross join {{ metrics_period_grains() }}
    group by all

),

final as (

    select
        *,
        {{ metrics_ratio('leads_to_sql', 'leads') }} as sql_conversion_rate,
        {{ metrics_ratio('leads_to_won', 'leads') }} as won_conversion_rate
    from aggregated

)

select * from final
