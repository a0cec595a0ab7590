{#- The buying group of each deal: its contact associations, resolved to the surviving
    contact. Two merged records on one deal become one member, keeping the stronger role
    (the order below: decision maker first). Archived deals are left out unless the var
    include_archived is true. -#}
with

deal_contacts as (

    select * from {{ ref('stg_crm__deal_contacts') }}

),

archived_deals as (

    select deal_id from {{ ref('stg_crm__deals') }}
    where not ({{ hubspot_not_archived('is_archived') }})

),

resolved as (

    select * from {{ ref('int_contacts__resolved') }}

),

members as (

    select
        {{ crm_key('deal_contacts.deal_id') }} as opportunity_key,
        deal_contacts.deal_id as hubspot_deal_id,
        resolved.contact_key,
        deal_contacts.contact_id as hubspot_contact_id,
        deal_contacts.association_label as role,
        case deal_contacts.association_label
            when 'Decision Maker' then 1
            when 'Economic Buyer' then 2
            when 'Champion' then 3
            when 'Technical Evaluator' then 4
            when 'Influencer' then 5
            else 6
        end as role_rank
    from deal_contacts
    inner join resolved
        on deal_contacts.contact_id = resolved.hubspot_contact_id
    left join archived_deals
        on deal_contacts.deal_id = archived_deals.deal_id
    where archived_deals.deal_id is null

),

final as (

    select
        opportunity_key,
        hubspot_deal_id,
        contact_key,
        hubspot_contact_id,
        role
    from members
    qualify row_number() over (
        partition by opportunity_key, contact_key
        order by role_rank, role, hubspot_contact_id
    ) = 1

)

select * from final
