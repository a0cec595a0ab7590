{#- Sales feedback and hand-off (docs/metrics/feedback.md). -#}

{#- The CRM a core key comes from (macro crm_key: 'sf_' || Salesforce id, else 'hs_' ||
    HubSpot id), as the `source_system` of the mapping seeds. -#}
{% macro metrics_crm_source_system(key_expression) -%}
    case when starts_with({{ key_expression }}, 'sf_') then 'salesforce' else 'hubspot' end
{%- endmacro %}

{#- Fractional hours from one timestamp to a later one; NULL when either is NULL. -#}
{% macro metrics_hours_between(start_expression, end_expression) -%}
    ((epoch({{ end_expression }}) - epoch({{ start_expression }})) / 3600.0)
{%- endmacro %}

{#- Hours from the MQL to the owner's assignment: an owner assigned at or before the MQL
    (e.g. during an earlier episode) waited 0 h; NULL when the assignment is unknown. -#}
{% macro metrics_assignment_hours(mql_expression, assigned_expression) -%}
    {#- DuckDB's greatest() skips NULLs: an unknown assignment is kept NULL explicitly. -#}
    case
        when ({{ assigned_expression }}) is not null
            then greatest({{ metrics_hours_between(mql_expression, assigned_expression) }}, 0.0)
    end
{%- endmacro %}
