{#- Accounts (int_accounts__unioned: HubSpot companies and domain-only accounts) with
    their owner, size band and customer status, then the custom company fields of the seed
    custom_fields (int_accounts__custom_fields: one column per alias, none by default).
    A company a deal is associated with that the companies export does not have becomes an
    unknown member (docs/resilience.md §1): '(unknown account <id>)', segments 'unknown'. -#}
{{ custom_field_clash_check(
    ref('int_accounts__custom_fields'), 'account_key',
    [ref('int_accounts__unioned'), ref('dim_owner')], ['size_band', 'is_current_customer', 'is_unknown_member']
) }}
with

accounts as (

    select * from {{ ref('int_accounts__unioned') }}

),

deal_accounts as (

    select * from {{ ref('int_opportunities__accounts') }}

),

owners as (

    select * from {{ ref('dim_owner') }}

),

custom_fields as (

    select * from {{ ref('int_accounts__custom_fields') }}

),

deals as (

    select * from {{ ref('int_opportunities__deals') }}

),

-- The last won deal per account: a churned customer who buys again is a customer again.
last_wins as (

    select
        deal_accounts.account_key,
        max(deals.closed_at) as last_won_at
    from deals
    inner join deal_accounts
        on deals.opportunity_key = deal_accounts.opportunity_key
    where deals.is_won and {{ hubspot_not_archived('deals.is_archived') }}
    group by deal_accounts.account_key

),

unknown_accounts as (

    select distinct
        account_key,
        substr(account_key, length('hs_') + 1) as hubspot_company_id,
        'unknown' as account_source,
        '(unknown account ' || substr(account_key, length('hs_') + 1) || ')' as account_name,
        cast(null as varchar) as domain,
        'unknown' as industry,
        cast(null as bigint) as number_of_employees,
        cast(null as varchar) as country,
        cast(null as varchar) as hubspot_owner_id,
        cast(null as timestamp) as customer_at,
        cast(null as timestamp) as churned_at,
        cast(null as varchar) as crm_lifecycle_stage,
        cast(null as timestamp) as created_at,
        false as is_archived,
        0 as contact_count
    from deal_accounts
    where account_source = 'unknown_company'

),

all_accounts as (

    select
        *,
        false as is_unknown_member
    from accounts
    union all by name
    select
        *,
        true as is_unknown_member
    from unknown_accounts

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
            when accounts.is_unknown_member then 'unknown'
            when accounts.number_of_employees is null then null
            when accounts.number_of_employees >= 1000 then '1000+'
            when accounts.number_of_employees >= 200 then '200-999'
            when accounts.number_of_employees >= 50 then '50-199'
            else '1-49'
        end as size_band,
        accounts.country,
        owners.owner_key,
        accounts.customer_at,
        accounts.churned_at,
        accounts.customer_at is not null
        and (
            accounts.churned_at is null
            or last_wins.last_won_at > accounts.churned_at
        ) as is_current_customer,
        accounts.crm_lifecycle_stage,
        accounts.contact_count,
        accounts.created_at,
        accounts.is_archived,
        accounts.is_unknown_member,
        custom_fields.* exclude (custom_fields.account_key)
    from all_accounts as accounts
    left join owners
        on accounts.hubspot_owner_id = owners.hubspot_owner_id
    left join custom_fields
        on accounts.account_key = custom_fields.account_key
    left join last_wins
        on accounts.account_key = last_wins.account_key

)

select * from final
