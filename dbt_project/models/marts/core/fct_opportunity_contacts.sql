with

buying_group as (

    select * from {{ ref('int_opportunities__contacts') }}

),

contact_accounts as (

    select * from {{ ref('int_contacts__accounts') }}

),

final as (

    select
        buying_group.opportunity_key,
        buying_group.contact_key,
        buying_group.role,
        buying_group.hubspot_deal_id,
        buying_group.hubspot_contact_id,
        contact_accounts.account_key as contact_account_key
    from buying_group
    left join contact_accounts
        on buying_group.contact_key = contact_accounts.contact_key

)

select * from final
