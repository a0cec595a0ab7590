{#- The email events of the core schema: int_email_events__resolved as it is (contact,
    campaign and nurture program resolved there). A view: the intermediate table already
    holds the rows (touchpoints read it too), and copying ~700k events again cost ~3 s at
    default scale (make bench-core). -#}
{{ config(materialized='view') }}
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
