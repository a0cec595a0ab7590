{#- HubSpot archived records (`archived: true`, in HubSpot's recycle bin) are kept in raw and
    staging (is_archived, archived_at) and left out of core unless the dbt var
    `include_archived` is true (default false). The intermediate models where HubSpot
    contacts, companies and deals enter filter with this condition, so every core model
    leaves out the same records. -#}
{% macro hubspot_not_archived(is_archived) -%}
    {%- if var('include_archived', false) in [true, 'true', 'True', 'TRUE', 1, '1'] -%}
        true
    {%- else -%}
        not coalesce({{ is_archived }}, false)
    {%- endif -%}
{%- endmacro %}
