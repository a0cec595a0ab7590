-- The contacts whose touches a deal's conversions (opportunity creation, closed-won) can
-- credit: the buying group (contacts with a role on the deal) or, for a deal without any
-- role, every contact of the deal's account (DESIGN §4).

with

opportunities as (

    select
        opportunity_key,
        account_key
    from {{ ref('fct_opportunities') }}

),

roles as (

    select distinct
        opportunity_key,
        contact_key
    from {{ ref('fct_opportunity_contacts') }}
    where contact_key is not null

),

account_contacts as (

    select
        contact_key,
        account_key
    from {{ ref('fct_contact_funnel') }}
    where account_key is not null

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
        account_contacts.contact_key,
        'account' as contact_source
    from opportunities
    inner join account_contacts on opportunities.account_key = account_contacts.account_key
    where not exists (
        select 1 from roles
        where roles.opportunity_key = opportunities.opportunity_key
    )

)

select * from buying_group
union all
select * from account_fallback
