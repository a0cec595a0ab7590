{#- Salesforce persons (docs/salesforce.md §4): a Lead and the Contact it was converted
    into are one person, whose id is the Contact's. These macros take the names of the
    model's CTEs over base_salesforce__lead / base_salesforce__contact (macros never ref). -#}

{#- Leads converted into a Contact we have: the lead's person is that Contact. A lead whose
    Contact was never extracted stays a person of its own. -#}
{% macro salesforce_converted_leads(leads, contacts) -%}
    select
        {{ leads }}.*,
        {{ contacts }}.id as person_id
    from {{ leads }}
    inner join {{ contacts }}
        on {{ leads }}.converted_contact_id = {{ contacts }}.id
{%- endmacro %}

{#- One row per record that is not a person of its own, with the record it became:
    merged-away Leads and Contacts (IsDeleted with MasterRecordId) -> the master record,
    converted leads -> their Contact. A record merged away wins over its conversion. -#}
{% macro salesforce_person_links(leads, contacts) -%}
    select * from (
    select
        id as merged_id,
        master_record_id as surviving_id,
        1 as link_rank,
        _source,
        _batch_id,
        _loaded_at,
        _file
    from {{ leads }}
    where is_deleted and master_record_id is not null
    union all
    select
        id as merged_id,
        master_record_id as surviving_id,
        1 as link_rank,
        _source,
        _batch_id,
        _loaded_at,
        _file
    from {{ contacts }}
    where is_deleted and master_record_id is not null
    union all
    select
        {{ leads }}.id as merged_id,
        {{ contacts }}.id as surviving_id,
        2 as link_rank,
        {{ leads }}._source,
        {{ leads }}._batch_id,
        {{ leads }}._loaded_at,
        {{ leads }}._file
    from {{ leads }}
    inner join {{ contacts }}
        on {{ leads }}.converted_contact_id = {{ contacts }}.id
    ) as links
    qualify row_number() over (partition by merged_id order by link_rank) = 1
{%- endmacro %}
