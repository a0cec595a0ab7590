{#- The attributes the metric marts slice accounts by, plus the customer and churn dates
    the churn mart counts: customer_at is when the account's first contact became a
    customer (fct_account_funnel); churned_at the churn from the lifecycle, else the CRM's
    churn date. -#}
with

funnel as (

    select * from {{ ref('fct_account_funnel') }}

),

accounts as (

    select * from {{ ref('dim_account') }}

),

owners as (

    select * from {{ ref('dim_owner') }}

),

touchpoints as (

    select * from {{ ref('fct_touchpoints') }}

),

first_touch as (

    select
        account_key,
        arg_min(channel, (touched_at, touchpoint_id)) as first_touch_channel
    from touchpoints
    where account_key is not null
    group by account_key

),

joined as (

    select
        funnel.account_key,
        coalesce(funnel.owner_key, accounts.owner_key) as owner_key,
        {{ metrics_unknown('owners.primary_team_name') }} as owner_team,
        {{ metrics_unknown('accounts.industry') }} as industry,
        accounts.number_of_employees,
        {{ metrics_unknown('accounts.size_band') }} as company_size_band,
        {{ metrics_unknown('first_touch.first_touch_channel') }} as first_touch_channel,
        funnel.customer_at,
        case
            when funnel.customer_at is not null
                then coalesce(funnel.churned_at, funnel.crm_churned_at)
        end as churned_at
    from funnel
    left join accounts
        on funnel.account_key = accounts.account_key
    left join owners
        on coalesce(funnel.owner_key, accounts.owner_key) = owners.owner_key
    left join first_touch
        on funnel.account_key = first_touch.account_key

)

select * from joined
