{#- The company's goals (targets/funnel_targets*.csv, every metric) at month and quarter
    grain, for the whole company, a segment, a team or a rep ('(all)' where the file names
    none). Month rows as entered. A quarter takes its quarter row, else the sum of its month
    rows of the same metric, segment, team and rep (docs/playbook.md §5). Revenue in USD at
    int_fx_rates' rate of the period's first day (clamped into the rates' span, as
    int_targets__revenue_targets); stage counts as entered. -#}
with

targets as (

    select * from {{ ref('stg_targets__funnel_targets') }}

),

fx_rates as (

    select * from {{ ref('int_fx_rates') }}

),

fx_span as (

    select
        min(date_day) as first_day,
        max(date_day) as last_day
    from fx_rates

),

converted as (

    select
        targets.period_grain,
        targets.period_start,
        targets.metric,
        coalesce(targets.segment, '(all)') as segment,
        coalesce(targets.team, '(all)') as team,
        coalesce(targets.owner_email, '(all)') as owner_email,
        -- Decimal arithmetic, then DOUBLE (55 000.00, not 55 000.00000000001).
        cast(
            targets.target_value
            * case
                when targets.metric = 'revenue'
                    then {{ fx_rate_to_usd('targets.currency_code', 'fx_rates') }}
                else 1
            end as double
        ) as target_value
    from targets
    cross join fx_span
    left join fx_rates
        on
            targets.currency_code = fx_rates.currency_code
            and {{ fx_rate_day('targets.period_start', 'fx_span') }} = fx_rates.date_day

),

entered as (

    select
        period_grain,
        period_start,
        metric,
        segment,
        team,
        owner_email,
        sum(target_value) as target_value
    from converted
    group by all

),

quarters_from_months as (

    select
        'quarter' as period_grain,
        cast(date_trunc('quarter', months.period_start) as date) as period_start,
        months.metric,
        months.segment,
        months.team,
        months.owner_email,
        sum(months.target_value) as target_value
    from entered as months
    where months.period_grain = 'month'
    group by all

),

final as (

    select
        *,
        false as is_summed_from_months
    from entered
    union all
    select
        summed.*,
        true as is_summed_from_months
    from quarters_from_months as summed
    anti join entered as quarter_rows
        on
            quarter_rows.period_grain = 'quarter'
            and summed.period_start = quarter_rows.period_start
            and summed.metric = quarter_rows.metric
            and summed.segment = quarter_rows.segment
            and summed.team = quarter_rows.team
            and summed.owner_email = quarter_rows.owner_email

)

select * from final
