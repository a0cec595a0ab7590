{#- Every touch of every source in one shape, before channel and campaign assignment:
    web sessions and forms, email clicks and human opens (machine opens are no touch),
    reps' calls and meetings (one touch per contact on the engagement), and CRM campaign
    responses (Salesforce campaign members). -#}
with

web as (

    select * from {{ ref('int_touchpoints__web') }}

),

email_events as (

    select * from {{ ref('int_email_events__resolved') }}

),

activities as (

    select * from {{ ref('int_sales__activities') }}

),

campaign_touches as (

    select * from {{ ref('int_touchpoints__campaign_members') }}

),

web_touches as (

    select
        source_system,
        natural_key,
        touch_type,
        touched_at,
        contact_key,
        anonymous_id,
        session_id,
        is_before_identification,
        click_id_type,
        utm_source,
        utm_medium,
        utm_campaign,
        referrer_domain,
        landing_page_path,
        form_type,
        cast(null as varchar) as campaign_key,
        cast(null as varchar) as activity_id
    from web

),

email_touches as (

    select
        'sendgrid' as source_system,
        email_event_id as natural_key,
        case event_type when 'click' then 'email_click' else 'email_open' end as touch_type,
        event_at as touched_at,
        contact_key,
        cast(null as varchar) as anonymous_id,
        cast(null as varchar) as session_id,
        case when contact_key is not null then false end as is_before_identification,
        cast(null as varchar) as click_id_type,
        cast(null as varchar) as utm_source,
        cast(null as varchar) as utm_medium,
        cast(null as varchar) as utm_campaign,
        cast(null as varchar) as referrer_domain,
        cast(null as varchar) as landing_page_path,
        cast(null as varchar) as form_type,
        campaign_key,
        cast(null as varchar) as activity_id
    from email_events
    where
        event_type = 'click'
        or (event_type = 'open' and not is_machine_open)

),

sales_activities as (

    select * from activities
    where activity_type in ('call', 'meeting')

),

sales_touches as (

    select
        -- The CRM that logged the activity: the contact key says which (macro crm_key).
        {{ crm_of_key('touched.contact_key') }} as source_system,
        sales_activities.activity_id || ':' || touched.contact_key as natural_key,
        case sales_activities.activity_type when 'call' then 'sales_call' else 'sales_meeting' end
            as touch_type,
        sales_activities.occurred_at as touched_at,
        touched.contact_key,
        cast(null as varchar) as anonymous_id,
        cast(null as varchar) as session_id,
        false as is_before_identification,
        cast(null as varchar) as click_id_type,
        cast(null as varchar) as utm_source,
        cast(null as varchar) as utm_medium,
        cast(null as varchar) as utm_campaign,
        cast(null as varchar) as referrer_domain,
        cast(null as varchar) as landing_page_path,
        cast(null as varchar) as form_type,
        cast(null as varchar) as campaign_key,
        sales_activities.activity_id
    from sales_activities,
        unnest(sales_activities.contact_keys) as touched (contact_key)

),

unioned as (

    select * from web_touches
    union all
    select * from email_touches
    union all
    select * from sales_touches
    union all
    select * from campaign_touches

),

final as (

    select
        {{ surrogate_key(['source_system', 'natural_key', 'touch_type']) }} as touchpoint_id,
        *,
        {{ campaign_platform_hint('click_id_type', 'utm_source', 'utm_medium') }} as campaign_platform_hint
    from unioned

)

select * from final
