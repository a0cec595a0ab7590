{#- Daily FX rates to USD (the reporting currency): every currency of the rates file on
    every day from the file's first to its last day (docs/resilience.md §1). A day without
    its own rate takes the currency's last rate at or before it (carried forward); before a
    currency's first rate, that first rate (carried back). fx_rate_date is the date of the
    rate used, fx_rate_is_estimated says it is not the day's own. Readers converting a day
    outside the file's span clamp it to the span (macro fx_rate_day). -#}
with

fx_rates as (

    select * from {{ ref('stg_targets__fx_rates') }}
    where
        date_day is not null
        and currency_code is not null
        and rate_to_usd is not null

),

span as (

    select
        min(date_day) as first_day,
        max(date_day) as last_day
    from fx_rates

),

days as (

    select
        cast(unnest(generate_series(
            cast(first_day as timestamp), cast(last_day as timestamp), interval 1 day
        )) as date) as date_day
    from span
    where first_day is not null

),

currencies as (

    select distinct currency_code from fx_rates

),

grid as (

    select
        currencies.currency_code,
        days.date_day,
        fx_rates.rate_to_usd,
        case when fx_rates.rate_to_usd is not null then days.date_day end as rate_date
    from currencies
    cross join days
    left join fx_rates
        on
            currencies.currency_code = fx_rates.currency_code
            and days.date_day = fx_rates.date_day

),

carried as (

    select
        currency_code,
        date_day,
        coalesce(
            last_value(rate_to_usd ignore nulls) over carried_forward,
            first_value(rate_to_usd ignore nulls) over carried_back
        ) as rate_to_usd,
        coalesce(
            last_value(rate_date ignore nulls) over carried_forward,
            first_value(rate_date ignore nulls) over carried_back
        ) as fx_rate_date
    from grid
    window
        carried_forward as (
            partition by currency_code order by date_day
            rows between unbounded preceding and current row
        ),
        carried_back as (
            partition by currency_code order by date_day
            rows between current row and unbounded following
        )

),

final as (

    select
        date_day,
        currency_code,
        rate_to_usd,
        fx_rate_date,
        fx_rate_date != date_day as fx_rate_is_estimated
    from carried

)

select * from final
