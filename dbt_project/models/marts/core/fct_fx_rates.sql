{#- Daily FX rates: USD (the reporting currency) per one unit of each currency, on the
    days the rates file lists (readers carry a rate forward over days without one). -#}
with

fx_rates as (

    select * from {{ ref('int_fx_rates') }}

),

final as (

    select
        currency_code,
        date_day,
        rate_to_usd
    from fx_rates

)

select * from final
