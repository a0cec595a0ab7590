{#- Customer churn (DESIGN.md §5, refined in docs/metrics/sales.md) per quarter × company size
    band × industry: customers at the quarter start (a stock: one table per period grain), new,
    lost (customers at the start who churned in the quarter), won and lost inside the quarter
    (not in the rate), customers at the end, churn rate = lost / at start. -#}
with

accounts as (

    select * from {{ ref('int_metrics__account_dimensions') }}
    where customer_at is not null

),

periods as (

    select * from {{ ref('int_metrics__periods') }}

),

snapshot as (

    select * from {{ ref('dim_snapshot_date') }}

),

final as (

    {{ sales_customer_churn('quarter', 'accounts', 'periods', 'snapshot') }}

)

select * from final
