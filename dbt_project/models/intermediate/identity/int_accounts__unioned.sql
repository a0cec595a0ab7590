{#- Accounts: every HubSpot company, plus a domain-only account for each company email
    domain that contacts use without a CRM company (int_contacts__accounts), with the
    number of contacts that belong to each. -#}
with

companies as (

    select * from {{ ref('stg_crm__companies') }}
    -- Archived companies are left out unless the var include_archived is true.
    where {{ hubspot_not_archived('is_archived') }}

),

contact_accounts as (

    select * from {{ ref('int_contacts__accounts') }}

),

contacts_per_account as (

    select
        account_key,
        count(*) as contact_count,
        min(email_domain) as email_domain
    from contact_accounts
    where account_key is not null
    group by account_key

),

hubspot_accounts as (

    select
        {{ crm_key('company_id') }} as account_key,
        company_id as hubspot_company_id,
        'hubspot_company' as account_source,
        company_name as account_name,
        domain_normalized as domain,
        industry,
        number_of_employees,
        country,
        owner_id as hubspot_owner_id,
        became_customer_at as customer_at,
        churned_at,
        lifecycle_stage as crm_lifecycle_stage,
        created_at,
        is_archived
    from companies

),

domain_accounts as (

    select
        contacts_per_account.account_key,
        cast(null as varchar) as hubspot_company_id,
        'email_domain' as account_source,
        contacts_per_account.email_domain as account_name,
        contacts_per_account.email_domain as domain,
        cast(null as varchar) as industry,
        cast(null as bigint) as number_of_employees,
        cast(null as varchar) as country,
        cast(null as varchar) as hubspot_owner_id,
        cast(null as timestamp) as customer_at,
        cast(null as timestamp) as churned_at,
        cast(null as varchar) as crm_lifecycle_stage,
        cast(null as timestamp) as created_at,
        false as is_archived
    from contacts_per_account
    left join hubspot_accounts
        on contacts_per_account.account_key = hubspot_accounts.account_key
    where hubspot_accounts.account_key is null

),

accounts as (

    select * from hubspot_accounts
    union all
    select * from domain_accounts

),

final as (

    select
        accounts.*,
        coalesce(contacts_per_account.contact_count, 0) as contact_count
    from accounts
    left join contacts_per_account
        on accounts.account_key = contacts_per_account.account_key

)

select * from final
