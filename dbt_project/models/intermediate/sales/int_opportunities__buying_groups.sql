{#- The buying group of each deal summarised: its size and BANT. BANT is qualified on
    contacts at SQL; the deal has a criterion when any buyer was confirmed with it (the
    surviving contact's own CRM record). -#}
with

buying_group as (

    select * from {{ ref('int_opportunities__contacts') }}

),

contacts as (

    select * from {{ ref('stg_crm__contacts') }}

),

buyers as (

    select
        buying_group.opportunity_key,
        buying_group.contact_key,
        contacts.has_bant_budget,
        contacts.has_bant_authority,
        contacts.has_bant_need,
        contacts.has_bant_timeline
    from buying_group
    left join contacts
        on buying_group.contact_key = {{ crm_key('contacts.contact_id') }}

),

final as (

    select
        opportunity_key,
        bool_or(has_bant_budget) as bant_budget,
        bool_or(has_bant_authority) as bant_authority,
        bool_or(has_bant_need) as bant_need,
        bool_or(has_bant_timeline) as bant_timeline,
        count(*) as buying_group_size
    from buyers
    group by opportunity_key

)

select * from final
