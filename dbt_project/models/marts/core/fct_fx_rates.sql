{#- Daily FX rates: USD (the reporting currency) per one unit of each currency of the rates
    file, on every day of the file's span (int_fx_rates). A day without its own rate takes
    the currency's last known rate (the first one before it), flagged fx_rate_is_estimated
    with the date of the rate used (docs/resilience.md §1). Not built from dim_date: the
    rates then depend on no fact, so a failed check on a fact never holds back the marts
    that convert with them. Readers take the newest rate on or before a later day. -#}
with

fx_rates as (

    select * from {{ ref('int_fx_rates') }}

),

final as (

    select
        currency_code,
        date_day,
        rate_to_usd,
        fx_rate_date,
        fx_rate_is_estimated
    from fx_rates

)

select * from final
