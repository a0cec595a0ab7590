-- A table, not a view like the rest of staging: the touchpoint, identity and email models
-- read it several times, and re-parsing the JSON payloads on every read dominated their cost.
{{ config(materialized='table') }}

with

source as (

    select
        *,
        coalesce(context ->> '$.page.url', properties ->> '$.url') as page_url
    from {{ source('raw', 'web__events') }}
    -- Segment retries repeat messageId: keep the first delivery (as raw does).
    {{ deduplicate('message_id', '_loaded_at, _file') }}

),

renamed as (

    select
        ---------- ids
        cast(message_id as varchar) as message_id,
        anonymous_id,
        user_id,
        context ->> '$.sessionId' as session_id,

        ---------- strings
        type as event_type,
        event as event_name,
        name as page_name,
        page_url,
        coalesce(context ->> '$.page.path', properties ->> '$.path') as page_path,
        nullif(coalesce(context ->> '$.page.referrer', properties ->> '$.referrer'), '') as page_referrer,
        coalesce(context ->> '$.page.title', properties ->> '$.title') as page_title,
        -- The landing URL is the source of truth; Segment's context.campaign is the fallback.
        {{ utm_parameter('page_url', 'utm_source', 'source') }} as utm_source,
        {{ utm_parameter('page_url', 'utm_medium', 'medium') }} as utm_medium,
        {{ utm_parameter('page_url', 'utm_campaign', 'name') }} as utm_campaign,
        {{ utm_parameter('page_url', 'utm_term', 'term') }} as utm_term,
        {{ utm_parameter('page_url', 'utm_content', 'content') }} as utm_content,
        {{ url_query_parameter('page_url', 'gclid') }} as gclid,
        {{ url_query_parameter('page_url', 'fbclid') }} as fbclid,
        {{ url_query_parameter('page_url', 'li_fat_id') }} as li_fat_id,
        case when event = 'Form Submitted' then properties ->> '$.form_id' end as form_id,
        case when event = 'Form Submitted' then properties ->> '$.form_type' end as form_type,
        case when event = 'Form Submitted' then properties ->> '$.email' end as form_email,
        case when event = 'Form Submitted' then {{ normalize_email("properties ->> '$.email'") }} end
            as form_email_normalized,
        -- The profile fields a form submission carries (non-empty properties), sorted.
        case
            when event = 'Form Submitted' then list_filter(
                [
                    'company', 'company_size', 'country', 'email', 'firstname', 'jobtitle',
                    'lastname', 'phone', 'role'
                ],
                lambda field: nullif(trim(properties ->> ('$.' || field)), '') is not null
            )
        end as form_fields,
        case when type = 'identify' then traits ->> '$.email' end as identify_email,
        case when type = 'identify' then {{ normalize_email("traits ->> '$.email'") }} end
            as identify_email_normalized,
        context ->> '$.userAgent' as user_agent,
        context ->> '$.ip' as ip,

        ---------- timestamps
        {{ iso_to_utc_timestamp('"timestamp"') }} as event_at,
        {{ iso_to_utc_timestamp('received_at') }} as received_at,
        {{ iso_to_utc_timestamp('sent_at') }} as sent_at,
        {{ iso_to_utc_timestamp('original_timestamp') }} as original_event_at,

        ---------- lineage
        _source,
        _batch_id,
        {{ tz_to_utc_timestamp('_loaded_at') }} as _loaded_at,
        _file
    from source

)

select * from renamed
