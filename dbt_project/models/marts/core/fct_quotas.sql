{#- Sales quotas: what each rep is expected to close in a quota period, in the quota's
    currency (pipeline coverage divides open pipeline by it). -#}
with

quotas as (

    select * from {{ ref('int_quotas') }}

),

final as (

    select
        owner_key,
        period_start,
        period_end,
        currency_code,
        quota_amount
    from quotas

)

select * from final
