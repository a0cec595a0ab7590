{#- The account of each deal. A deal associated with several companies still belongs to
    one account: the lowest company id that exists; else the lowest associated company id
    the companies export does not have at all (an unknown member of dim_account,
    docs/resilience.md §1); without any association, the account of its strongest buyer (a
    decision maker first, then by contact key). An archived company is not unknown: its
    deals fall back to the buyer's account as before. -#}
with

deal_companies as (

    select * from {{ ref('stg_crm__deal_companies') }}

),

all_companies as (

    select * from {{ ref('stg_crm__companies') }}

),

companies as (

    select * from all_companies
    where {{ hubspot_not_archived('is_archived') }}

),

buying_group as (

    select * from {{ ref('int_opportunities__contacts') }}

),

contact_accounts as (

    select * from {{ ref('int_contacts__accounts') }}

),

company_accounts as (

    select
        {{ crm_key('deal_companies.deal_id') }} as opportunity_key,
        {{ crm_key('min(deal_companies.company_id)') }} as account_key
    from deal_companies
    inner join companies
        on deal_companies.company_id = companies.company_id
    group by deal_companies.deal_id

),

unknown_company_accounts as (

    select
        {{ crm_key('deal_companies.deal_id') }} as opportunity_key,
        {{ crm_key('min(deal_companies.company_id)') }} as account_key
    from deal_companies
    left join all_companies
        on deal_companies.company_id = all_companies.company_id
    where all_companies.company_id is null
    group by deal_companies.deal_id

),

buyer_accounts as (

    select
        buying_group.opportunity_key,
        contact_accounts.account_key
    from buying_group
    inner join contact_accounts
        on buying_group.contact_key = contact_accounts.contact_key
    where contact_accounts.account_key is not null
    qualify row_number() over (
        partition by buying_group.opportunity_key
        order by buying_group.role = 'Decision Maker' desc, buying_group.contact_key
    ) = 1

),

deal_keys as (

    select opportunity_key from company_accounts
    union
    select opportunity_key from unknown_company_accounts
    union
    select opportunity_key from buyer_accounts

),

final as (

    select
        deal_keys.opportunity_key,
        coalesce(
            company_accounts.account_key,
            unknown_company_accounts.account_key,
            buyer_accounts.account_key
        ) as account_key,
        case
            when company_accounts.account_key is not null then 'company_association'
            when unknown_company_accounts.account_key is not null then 'unknown_company'
            else 'strongest_buyer'
        end as account_source
    from deal_keys
    left join company_accounts
        on deal_keys.opportunity_key = company_accounts.opportunity_key
    left join unknown_company_accounts
        on deal_keys.opportunity_key = unknown_company_accounts.opportunity_key
    left join buyer_accounts
        on deal_keys.opportunity_key = buyer_accounts.opportunity_key

)

select * from final
