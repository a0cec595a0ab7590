{#- Every stage-relevant change a source recorded, mapped to canonical stages and side
    states through the seed stage_mapping (a value the seed maps to no stage is not a
    change). Nothing is cleaned here: fct_lifecycle_transitions decides which changes are
    transitions. Sources:
    - contact lifecyclestage / hs_lead_status history (surviving records: HubSpot keeps the
      survivor's history on merge);
    - deal stage history, for every contact associated with the deal (closed won / lost);
    - company churn_date, for the contacts of the account that had become customers
      (a date only: the change is at midnight UTC and flagged inferred);
    - nurture enrollment, from the first email of a nurture program a contact received
      (the enrollment itself is not exported: flagged inferred), for contacts whose CRM
      record names a nurture program (emails sent after sales took a contact over, which
      the CRM no longer shows as nurtured, are not an enrollment). -#}
with

stage_mapping as (

    select
        source_system,
        source_field,
        source_value,
        canonical_stage,
        coalesce(is_side_state, false) as is_side_state
    from {{ ref('stage_mapping') }}
    where nullif(trim(canonical_stage), '') is not null

),

canonical_stages as (

    select
        stage,
        stage_order
    from {{ ref('canonical_stages') }}

),

resolved as (

    select * from {{ ref('int_contacts__resolved') }}

),

contact_history as (

    select
        {{ surrogate_key(["'hubspot'", 'history.contact_id', 'history.property_name',
                          'history.change_number']) }} as stage_change_id,
        resolved.contact_key,
        history.valid_from as changed_at,
        'hubspot' as source_system,
        history.property_name as source_field,
        history.property_value as source_value,
        history.contact_id as source_record_id,
        cast(null as varchar) as nurture_program,
        false as is_inferred
    from {{ ref('stg_hubspot__contact_property_history') }} as history
    inner join resolved
        on history.contact_id = resolved.hubspot_contact_id
    where not resolved.is_merged_away

),

deal_history as (

    select
        {{ surrogate_key(["'hubspot'", 'history.deal_id', 'history.property_name',
                          'history.change_number', 'resolved.contact_key']) }} as stage_change_id,
        resolved.contact_key,
        history.valid_from as changed_at,
        'hubspot' as source_system,
        history.property_name as source_field,
        history.property_value as source_value,
        history.deal_id as source_record_id,
        cast(null as varchar) as nurture_program,
        false as is_inferred
    from {{ ref('stg_hubspot__deal_property_history') }} as history
    inner join {{ ref('stg_hubspot__deal_contacts') }} as deal_contacts
        on history.deal_id = deal_contacts.deal_id
    inner join resolved
        on deal_contacts.contact_id = resolved.hubspot_contact_id
    where history.property_name = 'dealstage'
    -- A contact listed on a deal under several roles still changes stage once.
    qualify row_number() over (
        partition by history.deal_id, history.change_number, resolved.contact_key
        order by deal_contacts.association_id
    ) = 1

),

company_churn as (

    select
        'hs_' || company_id as account_key,
        company_id,
        churned_at
    from {{ ref('stg_hubspot__companies') }}
    where churned_at is not null

),

-- Churn only concerns the contacts that had become customers by then.
customer_changes as (

    select
        contact_history.contact_key,
        min(contact_history.changed_at) as first_customer_at
    from contact_history
    inner join stage_mapping
        on
            contact_history.source_system = stage_mapping.source_system
            and contact_history.source_field = stage_mapping.source_field
            and contact_history.source_value = stage_mapping.source_value
    inner join canonical_stages
        on stage_mapping.canonical_stage = canonical_stages.stage
    inner join canonical_stages as churn_applies_from
        on churn_applies_from.stage = '{{ var("churn_applies_from_stage", "customer") }}'
    where canonical_stages.stage_order >= churn_applies_from.stage_order
    group by contact_history.contact_key

),

churn as (

    select
        {{ surrogate_key(["'hubspot'", 'company_churn.company_id', "'churn_date'",
                          'accounts.contact_key']) }} as stage_change_id,
        accounts.contact_key,
        company_churn.churned_at as changed_at,
        'hubspot' as source_system,
        'churn_date' as source_field,
        '*' as source_value,
        company_churn.company_id as source_record_id,
        cast(null as varchar) as nurture_program,
        true as is_inferred
    from company_churn
    inner join {{ ref('int_contacts__accounts') }} as accounts
        on company_churn.account_key = accounts.account_key
    inner join customer_changes
        on
            accounts.contact_key = customer_changes.contact_key
            and company_churn.churned_at >= customer_changes.first_customer_at

),

nurtured_contacts as (

    select distinct resolved.contact_key
    from {{ ref('stg_hubspot__contacts') }} as contacts
    inner join resolved
        on contacts.contact_id = resolved.hubspot_contact_id
    where
        contacts.nurture_program is not null
        and not resolved.is_merged_away

),

email_categories as (

    select
        events.event_id,
        events.event_at,
        events.email_normalized,
        events.categories,
        unnest(events.categories) as category
    from {{ ref('stg_sendgrid__events') }} as events
    where len(events.categories) > 1

),

-- The program is the companion category `<category>-<program>` (nurture-getting-started).
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
    inner join stage_mapping
        on
            stage_mapping.source_system = 'sendgrid'
            and stage_mapping.source_field = 'category'
            and email_categories.category = stage_mapping.source_value
    inner join {{ ref('int_contacts__emails') }} as emails
        on email_categories.email_normalized = emails.email_normalized
    inner join nurtured_contacts
        on emails.contact_key = nurtured_contacts.contact_key

),

nurture as (

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
        partition by contact_key, nurture_program order by event_at, event_id
    ) = 1

),

changes as (

    select * from contact_history
    union all
    select * from deal_history
    union all
    select * from churn
    union all
    select * from nurture

),

-- Exact values first; a '*' row maps any value of its field.
mapped as (

    select
        changes.stage_change_id,
        changes.contact_key,
        changes.changed_at,
        changes.source_system,
        changes.source_field,
        changes.source_value,
        changes.source_record_id,
        coalesce(exact.canonical_stage, wildcard.canonical_stage) as to_stage,
        coalesce(exact.is_side_state, wildcard.is_side_state) as is_side_state,
        changes.nurture_program,
        changes.is_inferred
    from changes
    left join stage_mapping as exact
        on
            changes.source_system = exact.source_system
            and changes.source_field = exact.source_field
            and changes.source_value = exact.source_value
    left join stage_mapping as wildcard
        on
            changes.source_system = wildcard.source_system
            and changes.source_field = wildcard.source_field
            and wildcard.source_value = '*'
    where
        changes.changed_at is not null
        and coalesce(exact.canonical_stage, wildcard.canonical_stage) is not null

),

final as (

    select
        mapped.stage_change_id,
        mapped.contact_key,
        mapped.changed_at,
        mapped.source_system,
        mapped.source_field,
        mapped.source_value,
        mapped.source_record_id,
        mapped.to_stage,
        mapped.is_side_state,
        canonical_stages.stage_order,
        mapped.nurture_program,
        mapped.is_inferred
    from mapped
    left join canonical_stages
        on mapped.to_stage = canonical_stages.stage

)

select * from final
