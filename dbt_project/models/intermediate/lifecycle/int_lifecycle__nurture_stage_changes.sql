{#- Nurture enrollment as a stage change: the first email of a nurture program a contact
    received (the enrollment itself is not exported: flagged inferred). Only contacts whose
    CRM record names a nurture program count (emails sent after sales took a contact over,
    which the CRM no longer shows as nurtured, are not an enrollment). The program is the
    companion category `<category>-<program>` of the category the seed stage_mapping maps
    (nurture-getting-started). -#}
with

contacts as (

    select * from {{ ref('stg_crm__contacts') }}

),

resolved as (

    select * from {{ ref('int_contacts__resolved') }}

),

events as (

    select * from {{ ref('stg_sendgrid__events') }}

),

emails as (

    select * from {{ ref('int_contacts__emails') }}

),

stage_mapping as (

    select * from {{ ref('stage_mapping') }}

),

category_stages as (

    select source_value
    from stage_mapping
    where
        source_system = 'sendgrid'
        and source_field = 'category'
        and nullif(trim(canonical_stage), '') is not null

),

nurtured_contacts as (

    select distinct resolved.contact_key
    from contacts
    inner join resolved
        on contacts.contact_id = resolved.hubspot_contact_id
    where
        contacts.nurture_program is not null
        and not resolved.is_merged_away

),

email_categories as (

    select
        event_id,
        event_at,
        email_normalized,
        categories,
        unnest(categories) as category
    from events
    where len(categories) > 1

),

nurture_emails as (

    select
        emails.contact_key,
        email_categories.event_id,
        email_categories.event_at,
        email_categories.category as source_value,
        regexp_replace(
            list_filter(
                email_categories.categories,
                lambda other: starts_with(other, email_categories.category || '-')  -- noqa: RF02
            )[1],
            '^' || email_categories.category || '-',
            ''
        ) as nurture_program
    from email_categories
    inner join category_stages
        on email_categories.category = category_stages.source_value
    inner join emails
        on email_categories.email_normalized = emails.email_normalized
    inner join nurtured_contacts
        on emails.contact_key = nurtured_contacts.contact_key

),

final as (

    select
        {{ surrogate_key(["'sendgrid'", 'contact_key', 'nurture_program']) }} as stage_change_id,
        contact_key,
        event_at as changed_at,
        'sendgrid' as source_system,
        'category' as source_field,
        source_value,
        event_id as source_record_id,
        nurture_program,
        true as is_inferred
    from nurture_emails
    qualify row_number() over (
        partition by contact_key, nurture_program order by event_at, event_id, source_value
    ) = 1

)

select * from final
