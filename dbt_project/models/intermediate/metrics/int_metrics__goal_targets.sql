{#- The goals (core.fct_goals) at the three review grains (docs/playbook.md §5). Month: the
    month row, else the quarter row prorated by days when the quarter has no month row of the
    same metric, segment, team and rep. Week (ISO, Monday start): the month targets prorated
    by days. Quarter: the quarter row, else the sum of its months. Days from dim_date
    (STACK.md). A rep goal's owner_key: the CRM owner with its email, else '(unknown owner
    N)' (N numbers such emails alphabetically); the email itself is not published. -#}
with

goals as (

    select * from {{ ref('fct_goals') }}

),

calendar as (

    select * from {{ ref('dim_date') }}

),

owners as (

    select * from {{ ref('dim_owner') }}

),

rep_keys as (

    select
        goals.owner_email,
        coalesce(min(owners.owner_key), '(unknown owner ' || row_number() over (
            partition by min(owners.owner_key) is null order by goals.owner_email
        ) || ')') as owner_key
    from goals
    left join owners
        on lower(trim(goals.owner_email)) = owners.email_normalized
    where goals.owner_email != '(all)'
    group by goals.owner_email

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

unioned as (

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

),

final as (

    select
        unioned.*,
        coalesce(rep_keys.owner_key, '(all)') as owner_key
    from unioned
    left join rep_keys
        on unioned.owner_email = rep_keys.owner_email

)

select * from final
