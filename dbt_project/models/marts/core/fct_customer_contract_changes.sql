{#- Each change of a customer account's ARR (contract value, USD; docs/playbook.md §5,
    docs/metrics/sales.md): a won new_business or expansion deal adds its amount_usd, a won
    renewal sets the ARR to its amount, the company's churn date (dim_account.churned_at)
    sets it to 0. Events of one account in order: by UTC day, then new_business, renewal,
    expansion, churn (an upsell closed the day of the first sale follows it), then time.
    ARR after an event = the last "set" (renewal, churn; 0 before any) + the adds since.
    Kind: from 0 to above 0 = new (first time) or reactivation (after an earlier ARR);
    churn; else expansion (up) or contraction (down). Events that change nothing (a flat
    renewal, a churn without ARR) are not rows. -#}
with

opportunities as (

    select * from {{ ref('fct_opportunities') }}

),

accounts as (

    select * from {{ ref('dim_account') }}

),

events as (

    select
        account_key,
        'deal' as event_source,
        opportunity_key,
        deal_type,
        closed_at as changed_at,
        coalesce(amount_usd, 0) as amount_usd,
        case deal_type when 'new_business' then 0 when 'renewal' then 1 else 2 end as day_order
    from opportunities
    where is_won and closed_at is not null and account_key is not null
    union all
    select
        account_key,
        'churn' as event_source,
        null as opportunity_key,
        null as deal_type,
        cast(churned_at as timestamp) as changed_at,
        0 as amount_usd,
        3 as day_order
    from accounts
    where churned_at is not null

),

numbered as (

    select
        *,
        event_source = 'churn' or deal_type = 'renewal' as is_set,
        row_number() over (
            partition by account_key
            order by cast(changed_at as date), day_order, changed_at, opportunity_key
        ) as event_number
    from events

),

segmented as (

    select
        *,
        -- A segment starts at each set event (renewal, churn); segment 0 starts at 0 ARR.
        sum(case when is_set then 1 else 0 end) over (
            partition by account_key order by event_number rows unbounded preceding
        ) as segment_number
    from numbered

),

valued as (

    select
        *,
        coalesce(max(case when is_set then amount_usd end) over (
            partition by account_key, segment_number
        ), 0)
        + sum(case when is_set then 0 else amount_usd end) over (
            partition by account_key, segment_number
            order by event_number rows unbounded preceding
        ) as arr_after
    from segmented

),

with_before as (

    select
        *,
        coalesce(lag(arr_after) over (partition by account_key order by event_number), 0)
            as arr_before,
        coalesce(max(arr_after) over (
            partition by account_key order by event_number
            rows between unbounded preceding and 1 preceding
        ), 0) as earlier_max_arr
    from valued

),

final as (

    select
        {{ surrogate_key(['account_key', 'event_source', 'opportunity_key', 'changed_at']) }}
            as contract_change_key,
        account_key,
        cast(row_number() over (partition by account_key order by event_number) as integer)
            as change_number,
        changed_at,
        cast(changed_at as date) as change_date,
        event_source,
        opportunity_key,
        deal_type,
        case
            when event_source = 'churn' then 'churn'
            when arr_before = 0 and earlier_max_arr > 0 then 'reactivation'
            when arr_before = 0 then 'new'
            when arr_after > arr_before then 'expansion'
            else 'contraction'
        end as change_kind,
        cast(arr_before as decimal(18, 2)) as arr_before_usd,
        cast(arr_after as decimal(18, 2)) as arr_after_usd,
        cast(arr_after - arr_before as decimal(18, 2)) as change_usd
    from with_before
    where arr_after != arr_before

)

select * from final
