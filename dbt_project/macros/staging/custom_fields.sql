{#- Custom fields (docs/core-schema.md, "Custom fields"): vendor fields that are not in our
    contract, listed in the seed `custom_fields` (source, object, field, alias, type), become
    typed columns named `alias`. HubSpot keeps them in `properties`; every other source in
    the raw `_extra` JSON column (docs/real-inputs.md section 2).

    The seed is read at compile time: the model passes its relation, e.g.
    `custom_field_columns(ref('custom_fields'), 'hubspot', 'contacts')`, so the seed stays a
    visible input of the model and no macro calls ref(). The dbt var `custom_fields` (a list
    of {source, object, field, alias, type}) replaces the seed's rows when given. A seed not
    yet built (a selection without it, e.g. `dbt build --select staging`) lists no field.

    Before execution (dbt parse, sqlfluff) there is nothing to read: there are no custom
    fields, the macros render nothing. Each macro a model calls checks `execute` itself, before
    it calls another macro (in sqlfluff's jinja templater a macro that calls another gets the
    callee's return value as text). -#}

{#- The fields listed for one source and object, each a dict {field, alias, type}, checked:
    `alias` an identifier (lower case, not starting with `_`) listed once, `field` without
    quotes, `type` a DuckDB type name, and no alias in `reserved` (the model's own columns).
    A bad row fails compilation with a message naming it. -#}
{% macro custom_fields(fields_seed, source, object, reserved=[]) -%}
    {%- if not execute -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set override = var('custom_fields', none) -%}
    {%- set query -%}
        select source, object, field, alias, type from {{ fields_seed }}
    {%- endset -%}
    {%- set rows = [] -%}
    {%- if override is not none -%}
        {%- for row in override -%}
            {%- do rows.append(row) -%}
        {%- endfor -%}
    {%- elif load_relation(fields_seed) is not none -%}
        {%- for row in run_query(query).rows -%}
            {%- do rows.append({'source': row[0], 'object': row[1], 'field': row[2],
                                'alias': row[3], 'type': row[4]}) -%}
        {%- endfor -%}
    {%- endif -%}
    {%- set identifier = '^[a-z][a-z0-9_]*$' -%}
    {#- a name with optional (precision, scale) and optional [] (a list) -#}
    {%- set type_name = '^[a-z][a-z0-9_ ]*([(][0-9, ]+[)])?([[][]])?$' -%}
    {%- set fields = [] -%}
    {%- set seen = [] -%}
    {%- for row in rows
        if ((row['source'] or '') | string | trim | lower) == source
        and ((row['object'] or '') | string | trim | lower) == object -%}
        {%- set field = (row['field'] or '') | string | trim -%}
        {%- set alias = (row['alias'] or '') | string | trim -%}
        {%- set data_type = (row['type'] or '') | string | trim -%}
        {%- set where = 'custom_fields (' ~ source ~ ', ' ~ object ~ ', ' ~ field ~ ', alias ' ~ alias ~ '): ' -%}
        {%- if not modules.re.match(identifier, alias) -%}
            {{ exceptions.raise_compiler_error(where ~ 'alias "' ~ alias ~ '" is not a lower-case identifier (a-z, 0-9, _; starting with a letter)') }}
        {%- endif -%}
        {%- if alias in seen -%}
            {{ exceptions.raise_compiler_error(where ~ 'alias "' ~ alias ~ '" is listed twice for ' ~ source ~ ' ' ~ object) }}
        {%- endif -%}
        {%- if alias in reserved -%}
            {{ exceptions.raise_compiler_error(where ~ 'alias "' ~ alias ~ '" clashes with an existing column of ' ~ model.name ~ '; choose another alias') }}
        {%- endif -%}
        {%- if field == '' or '"' in field or "'" in field or '\\' in field -%}
            {{ exceptions.raise_compiler_error(where ~ 'field "' ~ field ~ '" is empty or holds a quote or backslash') }}
        {%- endif -%}
        {%- if not modules.re.match(type_name, data_type | lower) -%}
            {{ exceptions.raise_compiler_error(where ~ 'type "' ~ data_type ~ '" is not a DuckDB type name') }}
        {%- endif -%}
        {%- do seen.append(alias) -%}
        {%- do fields.append({'field': field, 'alias': alias, 'type': data_type}) -%}
    {%- endfor -%}
    {{ return(fields) }}
{%- endmacro %}

{#- Staging: one typed column per custom field of the model's source and object, each
    followed by a comma (place it before the lineage columns). HubSpot reads `properties`,
    other sources `_extra`; a value that does not cast is NULL, JSON types keep the JSON. The
    aliases must not clash with the model's own columns (the names after `as` in its code). -#}
{% macro custom_field_columns(fields_seed, source, object) -%}
    {%- if not execute -%}
        {{ return('') }}
    {%- endif -%}
    {%- set own_columns = modules.re.findall(
        '(?:^|[^a-z0-9_])as[ \t\n]+([a-z_][a-z0-9_]*)', model.raw_code | lower
    ) -%}
    {%- set json_column = 'properties' if source == 'hubspot' else '_extra' -%}
    {%- for custom in custom_fields(fields_seed, source, object, own_columns) %}
        {%- set path = "'$.\"" ~ custom.field ~ "\"'" %}
        {%- if custom.type | lower == 'json' %}
        ({{ json_column }} -> {{ path }}) as "{{ custom.alias }}",
        {%- else %}
        try_cast(nullif({{ json_column }} ->> {{ path }}, '') as {{ custom.type }}) as "{{ custom.alias }}",
        {%- endif %}
    {%- endfor %}
{%- endmacro %}

{#- Intermediate: the custom columns of a source and object as `, <relation_alias>.<alias>`
    (place it after the key column). -#}
{% macro custom_field_list(fields_seed, source, object, relation_alias) -%}
    {%- if not execute -%}
        {{ return('') }}
    {%- endif -%}
    {%- for custom in custom_fields(fields_seed, source, object) %},
        {{ relation_alias }}."{{ custom.alias }}"
    {%- endfor %}
{%- endmacro %}

{#- Core: fail compilation when a custom column (a column of `custom_relation` other than
    `key`) has the name of a column the model already publishes: a column of one of
    `relations` (the model's other inputs) or one of `derived` (columns the model
    computes). Renders nothing. -#}
{% macro custom_field_clash_check(custom_relation, key, relations, derived=[]) -%}
    {%- if not execute -%}
        {{ return('') }}
    {%- endif -%}
    {%- set existing = derived | map('lower') | list -%}
    {%- for relation in relations -%}
        {%- for column in adapter.get_columns_in_relation(relation) -%}
            {%- do existing.append(column.name | lower) -%}
        {%- endfor -%}
    {%- endfor -%}
    {%- for column in adapter.get_columns_in_relation(custom_relation) -%}
        {%- set alias = column.name | lower -%}
        {%- if alias != key and alias in existing -%}
            {{ exceptions.raise_compiler_error(
                'custom_fields: alias "' ~ alias ~ '" clashes with an existing column of '
                ~ model.name ~ '; choose another alias in seed custom_fields'
            ) }}
        {%- endif -%}
    {%- endfor -%}
{%- endmacro %}
