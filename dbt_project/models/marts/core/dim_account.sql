{#- Accounts: every HubSpot company, plus a domain-only account for each company email
    domain that contacts use without a CRM company (int_contacts__accounts). -#}
with

companies as (

    select * from {{ ref('stg_hubspot__companies') }}

),

contact_accounts as (

    select * from {{ ref('int_contacts__accounts') }}
    where account_key is not null

),

contacts_per_account as (

    select
        account_key,
        count(*) as contact_count,
        min(email_domain) as email_domain
    from contact_accounts
    group by account_key

),

owners as (

    select
        owner_key,
        hubspot_owner_id
    from {{ ref('dim_owner') }}

),

hubspot_accounts as (

    select
        'hs_' || companies.company_id as account_key,
        companies.company_id as hubspot_company_id,
        'hubspot_company' as account_source,
        companies.company_name as account_name,
        companies.domain_normalized as domain,
        companies.industry,
        companies.number_of_employees,
        companies.country,
        owners.owner_key,
        companies.became_customer_at as customer_at,
        companies.churned_at,
        companies.lifecycle_stage as crm_lifecycle_stage,
        companies.created_at,
        companies.is_archived
    from companies
    left join owners
        on companies.owner_id = owners.hubspot_owner_id

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
        cast(null as varchar) as owner_key,
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
        accounts.account_key,
        accounts.hubspot_company_id,
        accounts.account_source,
        accounts.account_name,
        accounts.domain,
        accounts.industry,
        accounts.number_of_employees,
        case
            when accounts.number_of_employees is null then null
            when accounts.number_of_employees >= 1000 then '1000+'
            when accounts.number_of_employees >= 200 then '200-999'
            when accounts.number_of_employees >= 50 then '50-199'
            else '1-49'
        end as size_band,
        accounts.country,
        accounts.owner_key,
        accounts.customer_at,
        accounts.churned_at,
        accounts.customer_at is not null and accounts.churned_at is null as is_current_customer,
        accounts.crm_lifecycle_stage,
        coalesce(contacts_per_account.contact_count, 0) as contact_count,
        accounts.created_at,
        accounts.is_archived
    from accounts
    left join contacts_per_account
        on accounts.account_key = contacts_per_account.account_key

)

select * from final
