{#- What the sales organisation costs, in USD per month (what the seed metrics_sales_costs
    gave): every line of the month (teams, descriptions, files) summed; a cost in another
    currency converted at int_fx_rates' rate of the month's first day (clamped into the
    rates' span, macro fx_rate_day). -#}
with

costs as (

    select * from {{ ref('stg_targets__sales_costs') }}

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
        costs.cost_amount * {{ fx_rate_to_usd('costs.currency_code', 'fx_rates') }} as cost_usd,
        concat_ws(': ', costs.team, costs.description) as line_description
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
        cast(sum(cost_usd) as decimal(18, 2)) as cost_usd,
        nullif(string_agg(distinct nullif(line_description, ''), '; ' order by nullif(line_description, '')), '')
            as description
    from converted
    group by month_start

)

select * from final
