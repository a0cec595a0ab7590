{#- A visitor id belongs to a contact from the first time it names them (a form fill, an
    identify call or a userId carrying an email we know); all its sessions, earlier anonymous ones
    included, then count for that contact. The CRM's own visitor-id property covers ids the
    tracker never saw identify. -#}
with

web_events as (

    select * from {{ ref('stg_web__events') }}

),

emails as (

    select * from {{ ref('int_contacts__emails') }}

),

contacts as (

    select * from {{ ref('stg_crm__contacts') }}

),

resolved as (

    select * from {{ ref('int_contacts__resolved') }}

),

-- A form email, an identify call's email, or a userId (a tracker that sets the
-- lower-cased email as userId once the visitor is known, e.g. on a link from an email).
identifying_events as (

    select
        anonymous_id,
        event_at,
        message_id,
        case
            when form_email_normalized is not null then 'form_submission'
            when identify_email_normalized is not null then 'identify'
            else 'user_id'
        end as identification_source,
        coalesce(
            form_email_normalized,
            identify_email_normalized,
            {{ normalize_email('user_id') }}
        ) as email_normalized
    from web_events
    where
        anonymous_id is not null
        and coalesce(form_email_normalized, identify_email_normalized, user_id) is not null

),

web_identified as (

    select
        identifying_events.anonymous_id,
        emails.contact_key,
        identifying_events.event_at as identified_at,
        identifying_events.identification_source
    from identifying_events
    inner join emails
        on identifying_events.email_normalized = emails.email_normalized
    qualify row_number() over (
        partition by identifying_events.anonymous_id
        order by identifying_events.event_at, identifying_events.message_id
    ) = 1

),

crm_visitor_ids as (

    select
        contacts.visitor_id as anonymous_id,
        resolved.contact_key,
        contacts.created_at
    from contacts
    inner join resolved
        on contacts.contact_id = resolved.hubspot_contact_id
    where contacts.visitor_id is not null
    qualify row_number() over (
        partition by contacts.visitor_id
        order by resolved.is_merged_away, contacts.created_at, contacts.contact_id
    ) = 1

),

stitched as (

    select
        coalesce(web_identified.anonymous_id, crm_visitor_ids.anonymous_id) as anonymous_id,
        coalesce(web_identified.contact_key, crm_visitor_ids.contact_key) as contact_key,
        coalesce(web_identified.identified_at, crm_visitor_ids.created_at) as identified_at,
        coalesce(web_identified.identification_source, 'crm_visitor_id')
            as identification_source
    from web_identified
    full outer join crm_visitor_ids
        on web_identified.anonymous_id = crm_visitor_ids.anonymous_id

),

visitor_activity as (

    select
        anonymous_id,
        min(event_at) as first_seen_at,
        count(distinct session_id) as session_count
    from web_events
    where anonymous_id is not null
    group by anonymous_id

),

final as (

    select
        stitched.*,
        visitor_activity.first_seen_at,
        coalesce(visitor_activity.session_count, 0) as session_count
    from stitched
    left join visitor_activity
        on stitched.anonymous_id = visitor_activity.anonymous_id

)

select * from final
