{#- The warehouse key of a CRM record: 'hs_' || id for HubSpot, 'sf_' || id for Salesforce
    (docs/salesforce.md §4). HubSpot ids are digits (the raw contract checks it); a
    Salesforce Id is 15 or 18 letters and digits, and an 18-character one always holds a
    letter (its case-checksum suffix is drawn from A-Z and 0-5), so the id itself says
    which CRM it came from: no column has to carry the CRM through every join. -#}
{% macro crm_key(id) -%}
    ({{ crm_prefix(id) }} || {{ id }})
{%- endmacro %}

{#- 'sf_' for a Salesforce Id (15 or 18 letters and digits, not all digits), else 'hs_'. -#}
{% macro crm_prefix(id) -%}
    case
        when regexp_full_match({{ id }}, '[0-9A-Za-z]{15}([0-9A-Za-z]{3})?')
            and not regexp_full_match({{ id }}, '[0-9]+') then 'sf_'
        else 'hs_'
    end
{%- endmacro %}

{#- The CRM ('hubspot' | 'salesforce') of a record id, by the same rule as crm_key. -#}
{% macro crm_of_id(id) -%}
    (case {{ crm_prefix(id) }} when 'sf_' then 'salesforce' else 'hubspot' end)
{%- endmacro %}

{#- The CRM ('hubspot' | 'salesforce') of a warehouse key made by crm_key. -#}
{% macro crm_of_key(key) -%}
    (case when starts_with({{ key }}, 'sf_') then 'salesforce' else 'hubspot' end)
{%- endmacro %}
