{#- A Contact's Account (AccountId) as a contact-to-company association, in the columns of
    stg_hubspot__contact_companies. Unconverted leads have no Account. -#}
with

contacts as (

    select * from {{ ref('base_salesforce__contact') }}
    where account_id is not null

),

renamed as (

    select
        'salesforce' as source_system,

        ---------- ids
        {{ surrogate_key(['id', 'account_id', "'contact_to_company'", 'null']) }} as association_id,
        id as contact_id,
        account_id as company_id,

        ---------- strings
        'contact_to_company' as association_type,
        cast(null as varchar) as association_label,

        ---------- lineage
        _source,
        _batch_id,
        _loaded_at,
        _file
    from contacts

)

select * from renamed
