{#- The visitor stage of the contact funnel, by visitor id (docs/metrics/funnel.md): every
    anonymous id of fct_visitors, identified or not, except an id first seen after its
    contact already was a lead (a known lead's second device, an imported lead visiting
    later: not a prospect in the visitor stage; the rule of fct_contact_funnel.visitor_at).
    It converts when its contact became a lead at or after the first visit. Slices: the
    id's first-touch channel; size band, industry, owner team of the contact when
    identified, else '(unknown)'. -#}
with

visitors as (

    select * from {{ ref('fct_visitors') }}

),

contacts as (

    select * from {{ ref('fct_contact_funnel') }}

),

accounts as (

    select * from {{ ref('dim_account') }}

),

owners as (

    select * from {{ ref('dim_owner') }}

),

final as (

    select
        visitors.anonymous_id,
        visitors.contact_key,
        visitors.first_seen_at,
        contacts.lead_at,
        coalesce(contacts.lead_is_inferred, false) as lead_is_inferred,
        {{ metrics_funnel_slice('visitors.first_touch_channel') }} as first_touch_channel,
        {{ metrics_funnel_slice('accounts.size_band') }} as company_size_band,
        {{ metrics_funnel_slice('accounts.industry') }} as industry,
        {{ metrics_funnel_slice('owners.primary_team_name') }} as owner_team
    from visitors
    left join contacts
        on visitors.contact_key = contacts.contact_key
    left join accounts
        on contacts.account_key = accounts.account_key
    left join owners
        on contacts.owner_key = owners.owner_key
    -- The visit that creates a lead and the CRM's creation time are one moment on two
    -- clocks (the CRM's to the second): a visit within that second counts as before.
    where
        contacts.lead_at is null
        or date_trunc('second', visitors.first_seen_at) <= contacts.lead_at

)

select * from final
