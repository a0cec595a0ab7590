{#- The open items at the as-of time (dim_snapshot_date.snapshot_end_at): open leads (an
    open stay of int_metrics__stalled_lead_stays: the contact's latest transition entered
    mql, sal or sql) and open deals (the open stay of int_metrics__stalled_deal_stays), with
    the owner, account, amount (deals: fct_opportunities.amount_usd, the FX rule), days in
    the stage and the latest sales activity by the as-of time: on the contact
    (fct_sales_activities.contact_key or contact_keys) for a lead, on the deal
    (opportunity_key) for a deal. -#}
with

snapshot as (

    select * from {{ ref('dim_snapshot_date') }}

),

contacts as (

    select * from {{ ref('fct_contact_funnel') }}

),

opportunities as (

    select * from {{ ref('fct_opportunities') }}

),

activities as (

    select activities.*
    from {{ ref('fct_sales_activities') }} as activities
    cross join snapshot
    where activities.occurred_at < snapshot.snapshot_end_at

),

open_leads as (

    select
        'lead' as item_type,
        stays.contact_key as item_id,
        stays.contact_key,
        cast(null as varchar) as opportunity_key,
        contacts.owner_key,
        contacts.account_key,
        '(all)' as pipeline_id,
        stays.stage,
        stays.entered_at,
        cast(null as decimal(18, 2)) as amount_usd
    from {{ ref('int_metrics__stalled_lead_stays') }} as stays
    left join contacts
        on stays.contact_key = contacts.contact_key
    where stays.is_open

),

open_deals as (

    select
        'deal' as item_type,
        stays.opportunity_key as item_id,
        cast(null as varchar) as contact_key,
        stays.opportunity_key,
        opportunities.owner_key,
        opportunities.account_key,
        stays.pipeline_id,
        stays.stage,
        stays.entered_at,
        cast(opportunities.amount_usd as decimal(18, 2)) as amount_usd
    from {{ ref('int_metrics__stalled_deal_stays') }} as stays
    inner join opportunities
        on stays.opportunity_key = opportunities.opportunity_key
    where stays.is_open

),

items as (

    select * from open_leads
    union all
    select * from open_deals

),

activity_items as (

    select
        activity_id,
        activity_type,
        occurred_at,
        'lead' as item_type,
        unnest(list_distinct(list_append(coalesce(contact_keys, []), contact_key))) as item_id
    from activities
    union all
    select
        activity_id,
        activity_type,
        occurred_at,
        'deal' as item_type,
        opportunity_key as item_id
    from activities
    where opportunity_key is not null

),

last_activities as (

    select
        item_type,
        item_id,
        occurred_at as last_activity_at,
        activity_type as last_activity_type
    from activity_items
    where item_id is not null
    qualify row_number() over (
        partition by item_type, item_id order by occurred_at desc, activity_id desc
    ) = 1

),

final as (

    select
        items.item_type,
        items.item_id,
        items.contact_key,
        items.opportunity_key,
        {{ sales_slice_value('items.owner_key') }} as owner_key,
        items.account_key,
        items.pipeline_id,
        items.stage,
        items.entered_at,
        {{ metrics_days_between('items.entered_at', 'snapshot.snapshot_end_at') }}
            as days_in_stage,
        last_activities.last_activity_at,
        last_activities.last_activity_type,
        {{ metrics_days_between('last_activities.last_activity_at', 'snapshot.snapshot_end_at') }}
            as days_since_last_activity,
        items.amount_usd
    from items
    cross join snapshot
    left join last_activities
        on
            items.item_type = last_activities.item_type
            and items.item_id = last_activities.item_id

)

select * from final
