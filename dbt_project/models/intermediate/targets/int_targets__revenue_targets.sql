{#- The company's closed-won revenue target in USD per quarter (what the seed
    metrics_revenue_targets gave), from the funnel targets file's `revenue` rows. A quarter
    takes, in this order: its quarter row for the whole company; the sum of its quarter rows
    per segment; the sum of its month rows for the whole company; the sum of its month rows
    per segment. A target in another currency is converted at int_fx_rates' rate of the
    period's first day (clamped into the rates' span, macro fx_rate_day). -#}
with

targets as (

    select * from {{ ref('stg_targets__funnel_targets') }}
    where metric = 'revenue' and team is null and owner_email is null

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
        cast(date_trunc('quarter', targets.period_start) as date) as quarter_start,
        -- 1 = quarter row for the company ... 4 = month rows per segment (see above).
        case when targets.period_grain = 'quarter' then 1 else 3 end
        + case when targets.segment is null then 0 else 1 end as source_rank,
        targets.target_value * {{ fx_rate_to_usd('targets.currency_code', 'fx_rates') }} as target_usd
    from targets
    cross join fx_span
    left join fx_rates
        on
            targets.currency_code = fx_rates.currency_code
            and {{ fx_rate_day('targets.period_start', 'fx_span') }} = fx_rates.date_day

),

by_source as (

    select
        quarter_start,
        source_rank,
        sum(target_usd) as target_usd
    from converted
    group by quarter_start, source_rank

),

final as (

    select
        quarter_start,
        cast(target_usd as decimal(18, 2)) as revenue_target_usd
    from by_source
    qualify row_number() over (partition by quarter_start order by source_rank) = 1

)

select * from final
