{#- The contact an email address belongs to, for matching SendGrid recipients and form
    fills. An address on several contacts goes to the surviving record that carries it
    itself, then to the most recently updated one. -#}
with

resolved as (

    select * from {{ ref('int_contacts__resolved') }}
    where email_normalized is not null

),

contacts as (

    select
        contact_id,
        updated_at
    from {{ ref('stg_crm__contacts') }}

),

candidates as (

    select
        resolved.email_normalized,
        resolved.contact_key,
        resolved.hubspot_contact_id,
        resolved.is_merged_away,
        contacts.updated_at,
        count(distinct resolved.contact_key) over (
            partition by resolved.email_normalized
        ) as contacts_with_email
    from resolved
    left join contacts
        on resolved.hubspot_contact_id = contacts.contact_id

),

final as (

    select
        email_normalized,
        contact_key,
        hubspot_contact_id as matched_hubspot_contact_id,
        contacts_with_email
    from candidates
    qualify row_number() over (
        partition by email_normalized
        order by is_merged_away asc, updated_at desc nulls last, hubspot_contact_id asc
    ) = 1

)

select * from final
