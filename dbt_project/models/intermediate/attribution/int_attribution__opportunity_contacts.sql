-- The contacts whose touches a deal's conversions (opportunity creation, closed-won) can
-- credit: the buying group (contacts with a role on the deal) or, for a deal without any
-- role, every contact of the deal's account (DESIGN §4). Each carries its lead_at: a deal's
-- lead-creation anchor is the earliest among its contacts.

with

opportunities as (

    select * from {{ ref('fct_opportunities') }}

),

opportunity_contact_roles as (

    select * from {{ ref('fct_opportunity_contacts') }}

),

contacts as (

    select * from {{ ref('fct_contact_funnel') }}

),

roles as (

    select distinct
        opportunity_key,
        contact_key
    from opportunity_contact_roles
    where contact_key is not null

),

buying_group as (

    select
        opportunities.opportunity_key,
        roles.contact_key,
        'buying_group' as contact_source
    from opportunities
    inner join roles on opportunities.opportunity_key = roles.opportunity_key

),

account_fallback as (

    select
        opportunities.opportunity_key,
        contacts.contact_key,
        'account' as contact_source
    from opportunities
    inner join contacts on opportunities.account_key = contacts.account_key
    where not exists (
        select 1 from roles
        where roles.opportunity_key = opportunities.opportunity_key
    )

),

unioned as (

    select * from buying_group
    union all
    select * from account_fallback

),

final as (

    select
        unioned.opportunity_key,
        unioned.contact_key,
        unioned.contact_source,
        contacts.lead_at as contact_lead_at
    from unioned
    left join contacts on unioned.contact_key = contacts.contact_key

)

select * from final
