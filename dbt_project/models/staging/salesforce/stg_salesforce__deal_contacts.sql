{#- OpportunityContactRole as deal-to-contact associations, in the columns of
    stg_hubspot__deal_contacts: the Role (Decision Maker, Champion, ...) is the association
    label. Deleted roles are no association. One row per opportunity, contact and role. -#}
with

roles as (

    select * from {{ ref('base_salesforce__opportunity_contact_role') }}
    where
        not coalesce(is_deleted, false)
        and opportunity_id is not null
        and contact_id is not null

),

renamed as (

    select
        'salesforce' as source_system,

        ---------- ids
        {{ surrogate_key(['opportunity_id', 'contact_id', "'deal_to_contact'", 'role']) }}
            as association_id,
        opportunity_id as deal_id,
        contact_id,

        ---------- strings
        'deal_to_contact' as association_type,
        role as association_label,

        ---------- lineage
        _source,
        _batch_id,
        _loaded_at,
        _file
    from roles
    -- The same contact and role listed twice: the most recently changed row.
    qualify row_number() over (
        partition by association_id order by system_modstamp desc nulls last, id asc
    ) = 1

)

select * from renamed
