{#- HubSpot sends every property as a string; these read one typed. -#}
{% macro hubspot_text(name) -%}
    nullif(properties ->> '$.{{ name }}', '')
{%- endmacro %}

{% macro hubspot_timestamp(name) -%}
    {{ iso_to_utc_timestamp(hubspot_text(name)) }}
{%- endmacro %}

{% macro hubspot_boolean(name) -%}
    {{ try_cast(hubspot_text(name), 'boolean') }}
{%- endmacro %}

{% macro hubspot_number(name, data_type='bigint') -%}
    {{ try_cast(hubspot_text(name), data_type) }}
{%- endmacro %}

{#- Ids of one association type on a HubSpot object as a list of strings
    (`associations.<kind>.results[*].id`); empty list when there are none. -#}
{% macro hubspot_association_ids(kind) -%}
    coalesce(json_extract_string(associations, '$.{{ kind }}.results[*].id'), [])
{%- endmacro %}

{#- One row per change of each property in `properties_with_history`
    (HubSpot lists the newest change first). change_number counts from the oldest
    change (1); valid_to is when the next change replaced the value (NULL: current). -#}
{% macro hubspot_property_history(relation, object_id_alias, order_by) -%}
with

source as (

    select * from {{ relation }}
    {{ deduplicate('id', order_by) }}

),

properties as (

    select
        id,
        unnest(json_keys(properties_with_history)) as property_name,
        properties_with_history,
        _source,
        _batch_id,
        _loaded_at,
        _file
    from source
    where properties_with_history is not null

),

changes as (

    select
        properties.*,
        history.change,
        history.position_newest_first,
        count(*) over (
            partition by properties.id, properties.property_name
        ) as change_count
    from properties,
        unnest(from_json(
            properties_with_history -> property_name,
            '[{"value": "VARCHAR", "timestamp": "VARCHAR", "sourceType": "VARCHAR", "sourceId": "VARCHAR"}]'
        )) with ordinality as history (change, position_newest_first)

),

renamed as (

    select
        ---------- ids
        cast(id as varchar) as {{ object_id_alias }},
        cast(property_name as varchar) as property_name,
        cast(change_count - position_newest_first + 1 as integer) as change_number,

        ---------- strings
        nullif(change.value, '') as property_value,
        change.sourceType as change_source_type,
        change.sourceId as change_source_id,

        ---------- booleans
        position_newest_first = 1 as is_current,

        ---------- timestamps
        {{ iso_to_utc_timestamp('change.timestamp') }} as valid_from,
        -- The next (newer) change ends this value's validity; NULL while current.
        lag({{ iso_to_utc_timestamp('change.timestamp') }}) over (
            partition by id, property_name
            order by position_newest_first
        ) as valid_to,

        ---------- lineage
        _source,
        _batch_id,
        {{ tz_to_utc_timestamp('_loaded_at') }} as _loaded_at,
        _file
    from changes

)

select * from renamed
{%- endmacro %}

{#- Which version of a CRM object wins: newest updatedAt, then the later load, then
    the later snapshot file (the raw contract's merge order). -#}
{% macro hubspot_newest_version_first() -%}
    {{ iso_to_utc_timestamp('updated_at') }} desc nulls last, _loaded_at desc, _file desc
{%- endmacro %}

{#- A `;`-joined id property (hs_merged_object_ids: "77;93") as a list; [] when empty. -#}
{% macro hubspot_id_list(name) -%}
    coalesce(list_filter(
        list_transform(string_split({{ hubspot_text(name) }}, ';'), lambda part: trim(part)),
        lambda part: part != ''
    ), [])
{%- endmacro %}

{#- One row per association listed on an object (`associations.<kind>.results[]`):
    from-object id, to-object id, association type and its label (HubSpot puts
    buying-group roles such as "Decision Maker" in the label). -#}
{% macro hubspot_association_bridge(relation, from_id_alias, kind, to_id_alias) -%}
with

source as (

    select * from {{ relation }}
    {{ deduplicate('id', hubspot_newest_version_first()) }}

),

associations as (

    select
        id,
        unnest(from_json(
            associations -> '$.{{ kind }}.results',
            '[{"id": "VARCHAR", "type": "VARCHAR", "label": "VARCHAR"}]'
        )) as association,
        _source,
        _batch_id,
        _loaded_at,
        _file
    from source

),

renamed as (

    select
        ---------- ids
        {{ surrogate_key(['id', 'association.id', 'association.type', 'association.label']) }}
            as association_id,
        cast(id as varchar) as {{ from_id_alias }},
        association.id as {{ to_id_alias }},

        ---------- strings
        association.type as association_type,
        nullif(association.label, '') as association_label,

        ---------- lineage
        _source,
        _batch_id,
        {{ tz_to_utc_timestamp('_loaded_at') }} as _loaded_at,
        _file
    from associations
    where association.id is not null
    {{ deduplicate('association_id', 'association_id') }}

)

select * from renamed
{%- endmacro %}
