{#- Changes of the tracked person fields (Lifecycle_Stage__c, Status, Lead_Status__c,
    OwnerId, Nurture_Program__c), in the columns of stg_hubspot__contact_property_history:
    LeadHistory and ContactHistory rows (property_value = NewValue, valid_from = CreatedDate),
    on the person (a converted lead's history belongs to its Contact). Salesforce writes
    no history row for the value a record was created with (only `Field = 'created'`, left
    out), HubSpot does: the creation value is the first change's OldValue, else the current
    value, valid from the record's CreatedDate. A row repeating the person's previous value
    of the field (the Contact created with its lead's stage) is no change and left out.
    Over 200 lines because the history of one person comes from LeadHistory and
    ContactHistory plus the creation values Salesforce does not write as history, each
    re-keyed to the person; splitting would pass the same CTE chain between files. -#}
with

leads as (

    select * from {{ ref('base_salesforce__lead') }}

),

contacts as (

    select * from {{ ref('base_salesforce__contact') }}

),

converted_leads as (

    {{ salesforce_converted_leads('leads', 'contacts') }}

),

-- Every record with the person it belongs to and the current value of each tracked field.
records as (

    select
        leads.id as record_id,
        coalesce(converted_leads.person_id, leads.id) as person_id,
        0 as record_rank,
        'Lead' as record_type,
        leads.created_date,
        map {
            'Lifecycle_Stage__c': leads.lifecycle_stage_c,
            'Status': leads.status,
            'OwnerId': leads.owner_id,
            'Nurture_Program__c': leads.nurture_program_c
        } as current_values,
        leads._source,
        leads._batch_id,
        leads._loaded_at,
        leads._file
    from leads
    left join converted_leads
        on leads.id = converted_leads.id
    union all
    select
        id as record_id,
        id as person_id,
        1 as record_rank,
        'Contact' as record_type,
        created_date,
        map {
            'Lifecycle_Stage__c': lifecycle_stage_c,
            'Lead_Status__c': lead_status_c,
            'OwnerId': owner_id,
            'Nurture_Program__c': nurture_program_c
        } as current_values,
        _source,
        _batch_id,
        _loaded_at,
        _file
    from contacts

),

history as (

    select
        lead_id as record_id,
        'LeadHistory' as change_source_type,
        *
    from {{ ref('base_salesforce__lead_history') }}
    where field != 'created'
    union all by name
    select
        contact_id as record_id,
        'ContactHistory' as change_source_type,
        *
    from {{ ref('base_salesforce__contact_history') }}
    where field != 'created'

),

changes as (

    select
        coalesce(records.person_id, history.record_id) as person_id,
        history.field as property_name,
        history.new_value as property_value,
        history.created_date as valid_from,
        coalesce(records.record_rank, 0) as record_rank,
        1 as row_rank,
        history.id as row_id,
        history.change_source_type,
        history.created_by_id as change_source_id,
        history._source,
        history._batch_id,
        history._loaded_at,
        history._file
    from history
    left join records
        on history.record_id = records.record_id

),

first_changes as (

    select
        record_id,
        field,
        arg_min(old_value, (created_date, id)) as old_value
    from history
    group by record_id, field

),

record_values as (

    select
        *,
        unnest(map_keys(current_values)) as property_name,
        unnest(map_values(current_values)) as current_value
    from records

),

-- The value each record was created with, for each tracked field it holds.
creations as (

    select
        record_values.person_id,
        record_values.property_name,
        case
            when first_changes.record_id is not null then first_changes.old_value
            else record_values.current_value
        end as property_value,
        record_values.created_date as valid_from,
        record_values.record_rank,
        0 as row_rank,
        record_values.record_id as row_id,
        record_values.record_type as change_source_type,
        cast(null as varchar) as change_source_id,
        record_values._source,
        record_values._batch_id,
        record_values._loaded_at,
        record_values._file
    from record_values
    left join first_changes
        on
            record_values.record_id = first_changes.record_id
            and record_values.property_name = first_changes.field

),

timeline as (

    select * from changes
    union all
    select * from creations
    where property_value is not null and valid_from is not null

),

ordered as (

    select
        *,
        row_number() over (
            partition by person_id, property_name
            order by valid_from, record_rank, row_rank, row_id
        ) as position,
        lag(property_value) over (
            partition by person_id, property_name
            order by valid_from, record_rank, row_rank, row_id
        ) as previous_value
    from timeline
    where valid_from is not null

),

kept as (

    select * from ordered
    where position = 1 or property_value is distinct from previous_value

),

renamed as (

    select
        'salesforce' as source_system,

        ---------- ids
        person_id as contact_id,
        property_name,
        cast(row_number() over w as integer) as change_number,

        ---------- strings
        property_value,
        change_source_type,
        change_source_id,

        ---------- booleans
        row_number() over w = count(*) over (partition by person_id, property_name) as is_current,

        ---------- timestamps
        valid_from,
        lead(valid_from) over w as valid_to,

        ---------- lineage
        _source,
        _batch_id,
        _loaded_at,
        _file
    from kept
    window w as (partition by person_id, property_name order by position)

)

select * from renamed
