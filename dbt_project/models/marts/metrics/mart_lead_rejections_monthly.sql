{#- Sales rejections (disqualified MQL episodes) per month of the rejection, the contact's
    lead source and original campaign, and the mapped rejection reason (seed
    rejection_reason_mapping; unmapped → other): rejected leads and their share of the
    month's rejections (docs/metrics/feedback.md). -#}
with

handoffs as (

    select * from {{ ref('int_metrics__lead_handoff') }}

),

rejections as (

    select
        cast(date_trunc('month', rejected_at) as date) as month_start,
        lead_source,
        campaign_key,
        rejection_reason
    from handoffs
    where outcome = 'disqualified'

),

aggregated as (

    select
        month_start,
        lead_source,
        campaign_key,
        rejection_reason,
        count(*) as rejected_leads
    from rejections
    group by all

),

final as (

    select
        month_start,
        lead_source,
        campaign_key,
        rejection_reason,
        cast(rejected_leads as bigint) as rejected_leads,
        {{ metrics_ratio('rejected_leads', 'sum(rejected_leads) over (partition by month_start)') }}
            as rejection_share
    from aggregated

)

select * from final
