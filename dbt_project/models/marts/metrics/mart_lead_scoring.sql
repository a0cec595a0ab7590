{#- Does the lead score predict outcomes? Leads per lead-creation month and score band (peak
    score) and their conversion to SQL and to customer (won). Cohort-based. -#}
with

leads as (

    select * from {{ ref('int_metrics__lead_score_outcomes') }}

),

aggregated as (

    select
        cast(date_trunc('month', lead_at) as date) as month_start,
        score_band,
        count(*) as leads,
        count(*) filter (where reached_sql) as leads_to_sql,
        count(*) filter (where reached_customer) as leads_to_won
    from leads
    group by all

),

final as (

    select
        month_start,
        score_band,
        cast(leads as bigint) as leads,
        cast(leads_to_sql as bigint) as leads_to_sql,
        cast(leads_to_won as bigint) as leads_to_won,
        {{ metrics_ratio('leads_to_sql', 'leads') }} as sql_conversion_rate,
        {{ metrics_ratio('leads_to_won', 'leads') }} as won_conversion_rate
    from aggregated

)

select * from final
