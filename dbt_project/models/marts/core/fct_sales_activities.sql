with

activities as (

    select * from {{ ref('int_sales__activities') }}

),

contact_accounts as (

    select * from {{ ref('int_contacts__accounts') }}

),

final as (

    select
        activities.activity_id,
        activities.activity_type,
        activities.hubspot_engagement_id,
        activities.owner_key,
        activities.contact_key,
        activities.contact_keys,
        contact_accounts.account_key,
        activities.opportunity_key,
        activities.occurred_at,
        activities.activity_title,
        activities.outcome,
        activities.outcome = 'connected' or activities.activity_type = 'meeting' as is_conversation,
        activities.direction,
        activities.duration_seconds,
        activities.is_archived
    from activities
    left join contact_accounts
        on activities.contact_key = contact_accounts.contact_key

)

select * from final
