{#- An Opportunity's Account (AccountId) as a deal-to-company association, in the columns
    of stg_hubspot__deal_companies. -#}
with

opportunities as (

    select * from {{ ref('base_salesforce__opportunity') }}
    where account_id is not null

),

renamed as (

    select
        'salesforce' as source_system,

        ---------- ids
        {{ surrogate_key(['id', 'account_id', "'deal_to_company'", 'null']) }} as association_id,
        id as deal_id,
        account_id as company_id,

        ---------- strings
        'deal_to_company' as association_type,
        cast(null as varchar) as association_label,

        ---------- lineage
        _source,
        _batch_id,
        _loaded_at,
        _file
    from opportunities

)

select * from renamed
