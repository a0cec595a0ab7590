{#- The goals (core.fct_goals) at the three review grains (docs/playbook.md §5). Month: the
    month row as entered, else - when the goal's quarter has a quarter row and no month row
    of the same metric, segment, team and rep - the quarter row prorated by days (days in
    the month / days in the quarter). Week (ISO, Monday start): the month targets prorated
    by days, a week across two months takes its days of each. Quarter: the quarter row,
    else the sum of its month rows (fct_goals). Days from dim_date (no interval arithmetic,
    STACK.md). -#}
with

goals as (

    select * from {{ ref('fct_goals') }}

),

calendar as (

    select * from {{ ref('dim_date') }}

),

month_days as (

    select
        month_start,
        quarter_start,
        max(date_day) as month_end,
        count(*) as days_in_month
    from calendar
    group by month_start, quarter_start

),

quarter_days as (

    select
        quarter_start,
        max(date_day) as quarter_end,
        count(*) as days_in_quarter
    from calendar
    group by quarter_start

),

entered_months as (

    select
        period_start as month_start,
        metric,
        segment,
        team,
        owner_email,
        target_value,
        false as is_target_prorated
    from goals
    where period_grain = 'month'

),

entered_quarters as (

    select * from goals
    where period_grain = 'quarter' and not is_summed_from_months

),

prorated_months as (

    select
        month_days.month_start,
        quarters.metric,
        quarters.segment,
        quarters.team,
        quarters.owner_email,
        quarters.target_value * month_days.days_in_month / quarter_days.days_in_quarter
            as target_value,
        true as is_target_prorated
    from entered_quarters as quarters
    inner join quarter_days
        on quarters.period_start = quarter_days.quarter_start
    inner join month_days
        on quarters.period_start = month_days.quarter_start
    anti join entered_months as months
        on
            quarters.period_start = cast(date_trunc('quarter', months.month_start) as date)
            and quarters.metric = months.metric
            and quarters.segment = months.segment
            and quarters.team = months.team
            and quarters.owner_email = months.owner_email

),

month_targets as (

    select * from entered_months
    union all
    select * from prorated_months

),

week_targets as (

    select
        calendar.week_start,
        month_targets.metric,
        month_targets.segment,
        month_targets.team,
        month_targets.owner_email,
        sum(month_targets.target_value / month_days.days_in_month) as target_value,
        true as is_target_prorated
    from month_targets
    inner join month_days
        on month_targets.month_start = month_days.month_start
    inner join calendar
        on month_targets.month_start = calendar.month_start
    group by all

),

final as (

    select
        'week' as period_grain,
        week_start as period_start,
        week_start + 6 as period_end,
        7 as days_in_period,
        metric,
        segment,
        team,
        owner_email,
        target_value,
        is_target_prorated
    from week_targets
    union all
    select
        'month' as period_grain,
        month_targets.month_start as period_start,
        month_days.month_end as period_end,
        month_days.days_in_month as days_in_period,
        month_targets.metric,
        month_targets.segment,
        month_targets.team,
        month_targets.owner_email,
        month_targets.target_value,
        month_targets.is_target_prorated
    from month_targets
    inner join month_days
        on month_targets.month_start = month_days.month_start
    union all
    select
        'quarter' as period_grain,
        goals.period_start,
        quarter_days.quarter_end as period_end,
        quarter_days.days_in_quarter as days_in_period,
        goals.metric,
        goals.segment,
        goals.team,
        goals.owner_email,
        goals.target_value,
        false as is_target_prorated
    from goals
    inner join quarter_days
        on goals.period_start = quarter_days.quarter_start
    where goals.period_grain = 'quarter'

)

select * from final
