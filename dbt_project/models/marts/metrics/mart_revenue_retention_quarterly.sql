{#- Net and gross revenue retention per acquisition cohort and quarter (docs/metrics/sales.md,
    docs/playbook.md §5). Cohort = quarter of the account's first ARR (its `new` contract
    change: the first won new-business deal). For quarter Q and a cohort before Q: the
    accounts with ARR at Q's start (start ARR = ARR after their last change before Q), and
    their expansion, contraction and churn in Q up to the snapshot date, up to and
    including the account's first churn in Q (a return after it is a reactivation, outside
    NRR). Churned ARR is the ARR lost at churn; gross lost (for GRR) is each account's
    contraction + churned capped at its start ARR. -#}
with

contract_changes as (

    select * from {{ ref('fct_customer_contract_changes') }}

),

snapshot as (

    select * from {{ ref('dim_snapshot_date') }}

),

changes as (

    select contract_changes.*
    from contract_changes
    cross join snapshot
    where contract_changes.change_date <= snapshot.snapshot_date

),

cohorts as (

    select
        account_key,
        cast(date_trunc('quarter', min(changed_at)) as date) as cohort_quarter_start
    from changes
    where change_kind = 'new'
    group by account_key

),

quarters as (

    select cast(quarter_start as date) as quarter_start
    from (
        select
            unnest(generate_series(
                cast(date_trunc('quarter', min(cohorts.cohort_quarter_start)) as timestamp),
                cast(date_trunc('quarter', max(snapshot.snapshot_date)) as timestamp),
                interval 3 month
            )) as quarter_start
        from cohorts
        cross join snapshot
    ) as series

),

account_quarters as (

    select
        cohorts.account_key,
        cohorts.cohort_quarter_start,
        quarters.quarter_start,
        cast(quarters.quarter_start + interval 3 month as date) as next_quarter_start
    from cohorts
    inner join quarters
        on cohorts.cohort_quarter_start < quarters.quarter_start

),

start_arr as (

    select
        account_quarters.account_key,
        account_quarters.quarter_start,
        coalesce(arg_max(changes.arr_after_usd, changes.change_number), 0) as start_arr_usd
    from account_quarters
    left join changes
        on
            account_quarters.account_key = changes.account_key
            and account_quarters.quarter_start > changes.changed_at
    group by all

),

in_quarter as (

    select
        account_quarters.account_key,
        account_quarters.quarter_start,
        changes.changed_at,
        changes.change_kind,
        changes.change_usd,
        min(changes.changed_at) filter (where changes.change_kind = 'churn') over (
            partition by account_quarters.account_key, account_quarters.quarter_start
        ) as first_churn_at
    from account_quarters
    inner join changes
        on
            account_quarters.account_key = changes.account_key
            and account_quarters.quarter_start <= changes.changed_at
            and account_quarters.next_quarter_start > changes.changed_at

),

movements as (

    select
        account_key,
        quarter_start,
        coalesce(sum(change_usd) filter (where change_kind = 'expansion'), 0) as expansion_usd,
        coalesce(-sum(change_usd) filter (where change_kind = 'contraction'), 0) as contraction_usd,
        coalesce(-sum(change_usd) filter (where change_kind = 'churn'), 0) as churned_usd,
        count(*) filter (where change_kind = 'churn') > 0 as has_churned
    from in_quarter
    where changed_at <= coalesce(first_churn_at, changed_at)
    group by all

),

per_account as (

    select
        account_quarters.cohort_quarter_start,
        account_quarters.quarter_start,
        start_arr.start_arr_usd,
        coalesce(movements.expansion_usd, 0) as expansion_usd,
        coalesce(movements.contraction_usd, 0) as contraction_usd,
        coalesce(movements.churned_usd, 0) as churned_usd,
        coalesce(movements.has_churned, false) as has_churned,
        least(
            coalesce(movements.contraction_usd, 0) + coalesce(movements.churned_usd, 0),
            start_arr.start_arr_usd
        ) as gross_lost_usd
    from account_quarters
    inner join start_arr
        on
            account_quarters.account_key = start_arr.account_key
            and account_quarters.quarter_start = start_arr.quarter_start
    left join movements
        on
            account_quarters.account_key = movements.account_key
            and account_quarters.quarter_start = movements.quarter_start

),

aggregated as (

    select
        cohort_quarter_start,
        quarter_start,
        {{ sales_count_if('start_arr_usd > 0') }} as customers_at_start,
        {{ sales_usd_sum('start_arr_usd', 'start_arr_usd > 0') }} as start_arr_usd,
        {{ sales_usd_sum('expansion_usd', 'start_arr_usd > 0') }} as expansion_arr_usd,
        {{ sales_usd_sum('contraction_usd', 'start_arr_usd > 0') }} as contraction_arr_usd,
        {{ sales_usd_sum('churned_usd', 'start_arr_usd > 0') }} as churned_arr_usd,
        {{ sales_usd_sum('gross_lost_usd', 'start_arr_usd > 0') }} as gross_lost_arr_usd,
        {{ sales_count_if('start_arr_usd > 0 and has_churned') }} as churned_customers
    from per_account
    group by all

),

final as (

    select
        aggregated.cohort_quarter_start,
        aggregated.quarter_start,
        cast(aggregated.quarter_start + interval 3 month as date) - 1 as quarter_end,
        cast(aggregated.quarter_start + interval 3 month as date) - 1 <= snapshot.snapshot_date
            as is_complete_quarter,
        aggregated.customers_at_start,
        aggregated.churned_customers,
        aggregated.start_arr_usd,
        aggregated.expansion_arr_usd,
        aggregated.contraction_arr_usd,
        aggregated.churned_arr_usd,
        cast(
            aggregated.start_arr_usd + aggregated.expansion_arr_usd
            - aggregated.contraction_arr_usd - aggregated.churned_arr_usd
            as decimal(18, 2)
        ) as end_arr_usd,
        aggregated.gross_lost_arr_usd,
        {{ revenue_retention_ratios(
            'aggregated.start_arr_usd',
            'aggregated.start_arr_usd + aggregated.expansion_arr_usd'
            ~ ' - aggregated.contraction_arr_usd - aggregated.churned_arr_usd',
            'aggregated.gross_lost_arr_usd'
        ) }}
    from aggregated
    cross join snapshot

)

select * from final
