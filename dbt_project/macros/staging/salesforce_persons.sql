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

{#- The people of each activity (shared activities, docs/salesforce.md §4): per row of
    `activities` (Tasks or Events), the RelationIds of its `relations` rows (TaskRelation /
    EventRelation, joined on `activity_column`) that are a Lead or a Contact, not the WhatId
    and not deleted; its WhoId first, then by RelationId. Activities without any are absent:
    the caller falls back to [WhoId]. -#}
{% macro salesforce_activity_people(activities, relations, activity_column) -%}
    select
        {{ activities }}.id,
        list(
            {{ relations }}.relation_id
            order by
                case when {{ relations }}.relation_id = {{ activities }}.who_id then 0 else 1 end,
                {{ relations }}.relation_id
        ) as related_ids
    from {{ activities }}
    inner join {{ relations }}
        on {{ activities }}.id = {{ relations }}.{{ activity_column }}
    where
        not coalesce({{ relations }}.is_what, false)
        and not coalesce({{ relations }}.is_deleted, false)
        and left({{ relations }}.relation_id, 3) in ('00Q', '003')
    group by {{ activities }}.id
{%- endmacro %}
