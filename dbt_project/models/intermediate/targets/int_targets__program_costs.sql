{#- Marketing costs that are not ad spend, in USD per month, channel, campaign and
    description (what the seed metrics_program_costs gave). A cost in another currency is
    converted at int_fx_rates' rate of the month's first day (clamped into the rates'
    span, macro fx_rate_day); several lines of the same month, channel, campaign and
    description (several days of the month, several files) are summed. -#}
with

costs as (

    select * from {{ ref('stg_targets__marketing_costs') }}

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
        costs.month_start,
        costs.channel,
        costs.campaign_key,
        costs.description,
        costs.cost_amount * {{ fx_rate_to_usd('costs.currency_code', 'fx_rates') }} as cost_usd
    from costs
    cross join fx_span
    left join fx_rates
        on
            costs.currency_code = fx_rates.currency_code
            and {{ fx_rate_day('costs.month_start', 'fx_span') }} = fx_rates.date_day

),

final as (

    select
        month_start,
        channel,
        campaign_key,
        cast(sum(cost_usd) as decimal(18, 2)) as cost_usd,
        description
    from converted
    group by month_start, channel, campaign_key, description

)

select * from final
