{#- Net and gross revenue retention per quarter over all cohorts: the sums of
    mart_revenue_retention_quarterly's ARR columns, and the ratios of those sums (not an
    average of the cohorts' ratios). -#}
with

cohorts as (

    select * from {{ ref('mart_revenue_retention_quarterly') }}

),

aggregated as (

    select
        quarter_start,
        min(quarter_end) as quarter_end,
        bool_and(is_complete_quarter) as is_complete_quarter,
        {{ sales_count('sum(customers_at_start)') }} as customers_at_start,
        {{ sales_count('sum(churned_customers)') }} as churned_customers,
        {{ sales_usd_sum('start_arr_usd') }} as start_arr_usd,
        {{ sales_usd_sum('expansion_arr_usd') }} as expansion_arr_usd,
        {{ sales_usd_sum('contraction_arr_usd') }} as contraction_arr_usd,
        {{ sales_usd_sum('churned_arr_usd') }} as churned_arr_usd,
        {{ sales_usd_sum('end_arr_usd') }} as end_arr_usd,
        {{ sales_usd_sum('gross_lost_arr_usd') }} as gross_lost_arr_usd
    from cohorts
    group by quarter_start

),

final as (

    select
        *,
        {{ revenue_retention_ratios('start_arr_usd', 'end_arr_usd', 'gross_lost_arr_usd') }}
    from aggregated

)

select * from final
