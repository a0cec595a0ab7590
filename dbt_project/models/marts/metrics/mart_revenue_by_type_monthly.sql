{#- Won revenue by close month, deal type and pipeline (docs/metrics/sales.md): won deals,
    their USD (fct_opportunities.amount_usd, the close day's rate), the customers they
    made (fct_customer_contract_changes: new = first ARR, reactivation = back after
    churn) and the average deal size. Deals closed after the snapshot date are left out.
    Counts and USD add up over months, types and pipelines; the average is the row's own. -#}
with

opportunities as (

    select * from {{ ref('fct_opportunities') }}

),

contract_changes as (

    select * from {{ ref('fct_customer_contract_changes') }}

),

snapshot as (

    select * from {{ ref('dim_snapshot_date') }}

),

won as (

    select
        opportunities.opportunity_key,
        cast(date_trunc('month', opportunities.closed_at) as date) as month_start,
        opportunities.deal_type,
        opportunities.pipeline_name,
        opportunities.amount_usd,
        contract_changes.change_kind
    from opportunities
    cross join snapshot
    left join contract_changes
        on opportunities.opportunity_key = contract_changes.opportunity_key
    where
        opportunities.is_won
        and cast(opportunities.closed_at as date) <= snapshot.snapshot_date

),

aggregated as (

    select
        month_start,
        deal_type,
        pipeline_name,
        {{ sales_count_if() }} as won_deals,
        {{ sales_usd_sum('amount_usd') }} as won_amount_usd,
        {{ sales_count_if("change_kind = 'new'") }} as new_customers,
        {{ sales_count_if("change_kind = 'reactivation'") }} as reactivated_customers
    from won
    group by all

),

final as (

    select
        *,
        {{ metrics_ratio('won_amount_usd', 'won_deals') }} as avg_deal_size_usd
    from aggregated

)

select * from final
