{#- The published email events: int_email_events__resolved as it is (contact, campaign and
    nurture program resolved there). -#}
with

email_events as (

    select * from {{ ref('int_email_events__resolved') }}

),

final as (

    select
        email_event_id,
        message_id,
        event_type,
        email_normalized,
        contact_key,
        campaign_key,
        singlesend_id,
        marketing_campaign_id,
        marketing_campaign_name,
        nurture_program,
        categories,
        event_at,
        is_machine_open,
        is_first_of_type,
        click_url,
        reason,
        bounce_type,
        asm_group_id,
        user_agent
    from email_events

)

select * from final
