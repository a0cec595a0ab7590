{#- Email engagement of each nurture program's sends per month (DESIGN.md §5): messages
    delivered, unique human opens (machine pre-fetch opens excluded), unique clicks and
    unsubscribes, each unique per message and counted in the month the message was first
    delivered (its send month), so that the counts add up over months. -#}
with

email_events as (

    select * from {{ ref('fct_email_events') }}
    where nurture_program is not null

),

messages as (

    select
        nurture_program,
        message_id,
        any_value(contact_key) as contact_key,
        min(event_at) filter (where event_type = 'delivered') as delivered_at,
        bool_or(event_type = 'open' and not coalesce(is_machine_open, false)) as was_opened,
        bool_or(event_type = 'click') as was_clicked,
        bool_or(event_type in ('unsubscribe', 'group_unsubscribe')) as was_unsubscribed
    from email_events
    group by nurture_program, message_id

),

final as (

    select
        cast(date_trunc('month', delivered_at) as date) as month_start,
        nurture_program,
        cast(count(distinct contact_key) as bigint) as contacts_emailed,
        cast(count(*) as bigint) as emails_delivered,
        cast(count(*) filter (where was_opened) as bigint) as unique_human_opens,
        cast(count(*) filter (where was_clicked) as bigint) as unique_clicks,
        cast(count(*) filter (where was_unsubscribed) as bigint) as unsubscribes,
        {{ metrics_ratio('count(*) filter (where was_opened)', 'count(*)') }} as open_rate,
        {{ metrics_ratio('count(*) filter (where was_clicked)', 'count(*)') }} as click_rate,
        {{ metrics_ratio('count(*) filter (where was_unsubscribed)', 'count(*)') }} as unsubscribe_rate
    from messages
    where delivered_at is not null
    group by all

)

select * from final
