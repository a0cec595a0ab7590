{#- A JSON value that is an array of strings or a single string, as a list of
    strings ([] for null, [] for an empty array). -#}
{% macro json_string_list(expression) -%}
    case
        when {{ expression }} is null then []
        when json_type({{ expression }}) = 'ARRAY' then from_json({{ expression }}, '["VARCHAR"]')
        when json_type({{ expression }}) = 'NULL' then []
        else [{{ expression }} ->> '$']
    end
{%- endmacro %}
