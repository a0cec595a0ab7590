{#- Deal stage changes (closed won / lost, ...) as stage changes of every contact
    associated with the deal, before mapping to canonical stages. A contact listed on a
    deal under several roles still changes stage once. Only new-business deals move the
    funnel (docs/attribution.md "Deal types"): an expansion or renewal deal, won or lost,
    does not make an existing customer's contacts closed_lost or a customer again. -#}
with

history as (

    select * from {{ ref('stg_crm__deal_property_history') }}

),

deal_contacts as (

    select * from {{ ref('stg_crm__deal_contacts') }}

),

resolved as (

    select * from {{ ref('int_contacts__resolved') }}

),

other_deal_types as (

    select hubspot_deal_id as deal_id
    from {{ ref('int_opportunities__deals') }}
    where deal_type != 'new_business'

),

final as (

    select
        {{ surrogate_key(['history.source_system', 'history.deal_id', 'history.property_name',
                          'history.change_number', 'resolved.contact_key']) }} as stage_change_id,
        resolved.contact_key,
        history.valid_from as changed_at,
        history.source_system,
        history.property_name as source_field,
        history.property_value as source_value,
        history.deal_id as source_record_id,
        cast(null as varchar) as nurture_program,
        false as is_inferred
    from history
    inner join deal_contacts
        on history.deal_id = deal_contacts.deal_id
    inner join resolved
        on deal_contacts.contact_id = resolved.hubspot_contact_id
    left join other_deal_types
        on history.deal_id = other_deal_types.deal_id
    where history.property_name = 'dealstage' and other_deal_types.deal_id is null
    qualify row_number() over (
        partition by history.deal_id, history.change_number, resolved.contact_key
        order by deal_contacts.association_id
    ) = 1

)

select * from final
