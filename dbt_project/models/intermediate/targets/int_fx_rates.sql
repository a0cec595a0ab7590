{#- Daily FX rates to USD (the reporting currency), as staged. -#}
with

fx_rates as (

    select * from {{ ref('stg_targets__fx_rates') }}

),

final as (

    select * from fx_rates

)

select * from final
