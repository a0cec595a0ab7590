{#- Which person a record that is not a person of its own became (docs/salesforce.md §4):
    a merged-away Lead or Contact (IsDeleted with MasterRecordId) -> its master record, a
    converted Lead -> its Contact. One row per such record; identity resolution follows the
    links (a lead merged into a lead later converted resolves through both). -#}
with

leads as (

    select * from {{ ref('base_salesforce__lead') }}

),

contacts as (

    select * from {{ ref('base_salesforce__contact') }}

),

links as (

    {{ salesforce_person_links('leads', 'contacts') }}

),

-- The surviving record's own last change (a Contact or a Lead).
survivors as (

    select
        id,
        last_modified_date
    from contacts
    union all
    select
        id,
        last_modified_date
    from leads

),

renamed as (

    select
        'salesforce' as source_system,

        ---------- ids
        links.merged_id as merged_contact_id,
        links.surviving_id as surviving_contact_id,

        ---------- timestamps
        survivors.last_modified_date as surviving_contact_updated_at,

        ---------- lineage
        links._source,
        links._batch_id,
        links._loaded_at,
        links._file
    from links
    left join survivors
        on links.surviving_id = survivors.id

)

select * from renamed
