{#- Which account a contact belongs to. The CRM association wins; without one, the
    email domain names the account (a HubSpot company with that domain when there is
    exactly one, else a domain-only account). Free-mail domains never make an account. -#}
with

resolved as (

    select * from {{ ref('int_contacts__resolved') }}

),

contacts as (

    select * from {{ ref('stg_crm__contacts') }}

),

companies as (

    select
        company_id,
        domain_normalized
    from {{ ref('stg_crm__companies') }}
    where {{ hubspot_not_archived('is_archived') }}

),

contact_companies as (

    select * from {{ ref('stg_crm__contact_companies') }}

),

free_email_domains as (

    select lower(trim(domain)) as domain
    from {{ ref('free_email_domains') }}

),

survivors as (

    select
        resolved.contact_key,
        resolved.surviving_contact_id,
        contacts.email_normalized
    from resolved
    inner join contacts
        on resolved.hubspot_contact_id = contacts.contact_id
    where not resolved.is_merged_away

),

-- Candidate companies from every record of the person (survivor first, then the records
-- merged into it): the primary company property before other associations.
associated_companies as (

    select
        resolved.contact_key,
        coalesce(contacts.company_id, associations.company_id) as company_id,
        resolved.is_merged_away,
        case when contacts.company_id is not null then 0 else 1 end as association_rank
    from resolved
    left join contacts
        on resolved.hubspot_contact_id = contacts.contact_id
    left join contact_companies as associations
        on resolved.hubspot_contact_id = associations.contact_id

),

association_accounts as (

    select
        associated_companies.contact_key,
        {{ crm_key('associated_companies.company_id') }} as account_key
    from associated_companies
    inner join companies
        on associated_companies.company_id = companies.company_id
    qualify row_number() over (
        partition by associated_companies.contact_key
        order by
            associated_companies.is_merged_away,
            associated_companies.association_rank,
            associated_companies.company_id
    ) = 1

),

companies_by_domain as (

    select
        domain_normalized,
        min(company_id) as company_id
    from companies
    where domain_normalized is not null
    group by domain_normalized
    having count(*) = 1

),

email_domains as (

    select
        survivors.contact_key,
        nullif(split_part(survivors.email_normalized, '@', 2), '') as email_domain
    from survivors

),

domain_accounts as (

    select
        email_domains.contact_key,
        coalesce(
            {{ crm_key('companies_by_domain.company_id') }},
            'domain_' || email_domains.email_domain
        ) as account_key
    from email_domains
    left join free_email_domains
        on email_domains.email_domain = free_email_domains.domain
    left join companies_by_domain
        on email_domains.email_domain = companies_by_domain.domain_normalized
    where
        email_domains.email_domain is not null
        and free_email_domains.domain is null

),

final as (

    select
        survivors.contact_key,
        coalesce(association_accounts.account_key, domain_accounts.account_key) as account_key,
        case
            when association_accounts.account_key is not null then 'association'
            when domain_accounts.account_key is not null then 'email_domain'
        end as account_source,
        email_domains.email_domain
    from survivors
    left join association_accounts
        on survivors.contact_key = association_accounts.contact_key
    left join domain_accounts
        on survivors.contact_key = domain_accounts.contact_key
    left join email_domains
        on survivors.contact_key = email_domains.contact_key

)

select * from final
