{#- Each (not inferred) MQL up to the snapshot date and its follow-up: the first sales
    activity listing the contact (fct_sales_activities.contact_key or contact_keys) at or
    after the MQL and up to the snapshot date, hours to it, whether the MQL reached SAL
    and whether it was recycled to marketing. Inferred MQLs (the stage was skipped, so
    nobody could follow it up) are left out. -#}
with

contacts as (

    select * from {{ ref('fct_contact_funnel') }}
    where mql_at is not null and not coalesce(mql_is_inferred, false)

),

contact_dimensions as (

    select * from {{ ref('int_metrics__contact_dimensions') }}

),

activities as (

    select * from {{ ref('fct_sales_activities') }}

),

snapshot as (

    select * from {{ ref('dim_snapshot_date') }}

),

handoffs as (

    select * from {{ ref('int_metrics__lead_handoff') }}
    where mql_episode_number = 1

),

activity_contacts as (

    select distinct
        occurred_at,
        unnest(list_append(coalesce(contact_keys, []), contact_key)) as contact_key
    from activities

),

mqls as (

    select
        contacts.contact_key,
        contacts.mql_at,
        contacts.sal_at is not null as reached_sal,
        coalesce(contacts.recycle_count, 0) > 0 as was_recycled,
        coalesce(cast(contacts.owner_key as varchar), '(unknown)') as owner_key,
        coalesce(nullif(contact_dimensions.owner_team, 'unknown'), '(unknown)') as owner_team,
        min(activity_contacts.occurred_at) as first_activity_at
    from contacts
    inner join contact_dimensions
        on contacts.contact_key = contact_dimensions.contact_key
    cross join snapshot
    left join activity_contacts
        on
            contacts.contact_key = activity_contacts.contact_key
            and contacts.mql_at <= activity_contacts.occurred_at
            and cast(activity_contacts.occurred_at as date) <= snapshot.snapshot_date
    where cast(contacts.mql_at as date) <= snapshot.snapshot_date
    group by all

),

final as (

    select
        mqls.contact_key,
        cast(date_trunc('month', mqls.mql_at) as date) as month_start,
        mqls.mql_at,
        mqls.owner_key,
        mqls.owner_team,
        mqls.first_activity_at,
        {{ metrics_hours_between('mqls.mql_at', 'mqls.first_activity_at') }} as hours_to_first_activity,
        mqls.reached_sal,
        mqls.was_recycled,
        handoffs.assigned_at,
        handoffs.assignment_hours
    from mqls
    left join handoffs
        on mqls.contact_key = handoffs.contact_key

)

select * from final
