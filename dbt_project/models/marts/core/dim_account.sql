{#- Accounts (int_accounts__unioned: HubSpot companies and domain-only accounts) with
    their owner, size band and customer status, then the custom company fields of the seed
    custom_fields (int_accounts__custom_fields: one column per alias, none by default). -#}
{{ custom_field_clash_check(
    ref('int_accounts__custom_fields'), 'account_key',
    [ref('int_accounts__unioned'), ref('dim_owner')], ['size_band', 'is_current_customer']
) }}
with

accounts as (

    select * from {{ ref('int_accounts__unioned') }}

),

owners as (

    select * from {{ ref('dim_owner') }}

),

custom_fields as (

    select * from {{ ref('int_accounts__custom_fields') }}

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
        owners.owner_key,
        accounts.customer_at,
        accounts.churned_at,
        accounts.customer_at is not null and accounts.churned_at is null as is_current_customer,
        accounts.crm_lifecycle_stage,
        accounts.contact_count,
        accounts.created_at,
        accounts.is_archived,
        custom_fields.* exclude (custom_fields.account_key)
    from accounts
    left join owners
        on accounts.hubspot_owner_id = owners.hubspot_owner_id
    left join custom_fields
        on accounts.account_key = custom_fields.account_key

)

select * from final
