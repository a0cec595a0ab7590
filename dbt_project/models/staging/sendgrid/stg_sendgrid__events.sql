-- A table, not a view like the rest of staging: the touchpoint, identity and email models
-- read it several times, and re-parsing the JSON payloads on every read dominated their cost.
{{ config(materialized='table') }}

with

source as (

    select * from {{ source('raw', 'sendgrid__events') }}
    -- Webhook redeliveries repeat sg_event_id: keep the first delivery (as raw does).
    {{ deduplicate('sg_event_id', '_loaded_at, _file') }}

),

renamed as (

    select
        ---------- ids
        cast(sg_event_id as varchar) as event_id,
        sg_message_id as message_id,
        smtp_id,
        singlesend_id,
        marketing_campaign_id,
        cast(asm_group_id as varchar) as asm_group_id,

        ---------- strings
        event as event_type,
        email,
        {{ normalize_email('email') }} as email_normalized,
        -- SendGrid sends category as one string or an array: always a list here.
        {{ json_string_list('category') }} as categories,
        marketing_campaign_name,
        url as click_url,
        useragent as user_agent,
        ip,
        reason,
        status as bounce_status,
        type as bounce_type,

        ---------- booleans
        -- Apple Mail Privacy Protection pre-fetches: not a human open.
        case when event = 'open' then coalesce(sg_machine_open, false) end as is_machine_open,

        ---------- timestamps
        {{ epoch_seconds_to_timestamp('"timestamp"') }} as event_at,

        ---------- lineage
        _source,
        _batch_id,
        {{ tz_to_utc_timestamp('_loaded_at') }} as _loaded_at,
        _file
    from source

)

select * from renamed
