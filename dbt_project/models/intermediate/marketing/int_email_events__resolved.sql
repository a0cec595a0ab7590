{#- SendGrid events with their recipient's contact (int_contacts__emails), their campaign
    (the single send, else `sendgrid:<singlesend id>`) and nurture program, and flags for
    machine opens and the first event of a type per message and recipient. -#}
with

events as (

    select * from {{ ref('stg_sendgrid__events') }}

),

emails as (

    select * from {{ ref('int_contacts__emails') }}

),

campaigns as (

    select * from {{ ref('int_campaigns__sources') }}

),

single_sends as (

    select
        campaign_key,
        campaign_id,
        nurture_program
    from campaigns
    where campaign_type = 'single_send'

),

final as (

    select
        events.event_id as email_event_id,
        events.message_id,
        events.event_type,
        events.email_normalized,
        emails.contact_key,
        coalesce(single_sends.campaign_key, 'sendgrid:' || events.singlesend_id) as campaign_key,
        events.singlesend_id,
        events.marketing_campaign_id,
        events.marketing_campaign_name,
        -- The send's program, else the event's own `nurture-<program>` category.
        coalesce(
            single_sends.nurture_program,
            {{ nurture_program_from_categories('events.categories') }}
        ) as nurture_program,
        events.categories,
        events.event_at,
        coalesce(events.is_machine_open, false) as is_machine_open,
        -- The first event of its type for the message and recipient (unique opens, clicks).
        row_number() over (
            partition by events.message_id, events.email_normalized, events.event_type
            order by events.event_at, events.event_id
        ) = 1 as is_first_of_type,
        events.click_url,
        events.reason,
        events.bounce_type,
        events.asm_group_id,
        events.user_agent
    from events
    left join emails
        on events.email_normalized = emails.email_normalized
    left join single_sends
        on events.singlesend_id = single_sends.campaign_id

)

select * from final
