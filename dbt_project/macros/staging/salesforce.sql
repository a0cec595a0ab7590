{#- Salesforce raw values are text as Salesforce sends them (docs/salesforce.md §2):
    timestamps `2026-10-30T12:00:00.000+0000` (or ISO-8601 `Z`), dates `2026-10-30`,
    booleans BOOLEAN. These read one value typed; a value that does not parse is NULL. -#}
{% macro salesforce_text(name) -%}
    nullif(cast({{ name }} as varchar), '')
{%- endmacro %}

{#- `+0000` is an explicit offset to iso_to_utc_timestamp: the result is UTC wall time. -#}
{% macro salesforce_timestamp(name) -%}
    {{ iso_to_utc_timestamp(salesforce_text(name)) }}
{%- endmacro %}

{% macro salesforce_date(name) -%}
    cast({{ iso_to_utc_timestamp(salesforce_text(name)) }} as date)
{%- endmacro %}

{#- Which version of a record wins: the highest SystemModstamp (history objects, which
    are never modified, have only CreatedDate), then the later load and file. -#}
{% macro salesforce_newest_version_first(order_column='system_modstamp') -%}
    {{ iso_to_utc_timestamp(salesforce_text(order_column)) }} desc nulls last, _loaded_at desc, _file desc
{%- endmacro %}

{#- One optional id as a list of ids (the shape of the HubSpot association lists). -#}
{% macro salesforce_id_list(expression) -%}
    case when {{ expression }} is not null then [{{ expression }}] else cast([] as varchar[]) end
{%- endmacro %}

{#- A decimal as the text Salesforce would show it (12000.500000 -> '12000.5'). -#}
{% macro salesforce_decimal_text(expression) -%}
    case
        when contains(cast({{ expression }} as varchar), '.')
            then rtrim(rtrim(cast({{ expression }} as varchar), '0'), '.')
        else cast({{ expression }} as varchar)
    end
{%- endmacro %}

{#- The host of a website URL, lower case, without scheme, `www.`, port or path
    (`https://www.Acme.com/about` -> `acme.com`); NULL when there is none. -#}
{% macro salesforce_website_domain(expression) -%}
    nullif(regexp_extract(
        lower(trim({{ expression }})), '^(?:[a-z][a-z0-9+.-]*://)?(?:www\.)?([^/:?#\s]+)', 1
    ), '')
{%- endmacro %}

{#- custom_field_columns for a Salesforce model, left out in unit tests: a unit test's
    fixtures replace the seed, which the macro reads as a relation. -#}
{% macro salesforce_custom_field_columns(fields_seed, object) -%}
    {%- if execute and model.resource_type != 'unit_test' -%}
        {{ custom_field_columns(fields_seed, 'salesforce', object) }}
    {%- endif -%}
{%- endmacro %}
