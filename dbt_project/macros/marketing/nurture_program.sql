{#- The nurture program named by a SendGrid category list: the category `nurture-<program>`
    gives `<program>` (NULL for newsletters and other sends). -#}
{% macro nurture_program_from_categories(categories) -%}
    substr(list_filter({{ categories }}, lambda category: category like 'nurture-%')[1], length('nurture-') + 1)
{%- endmacro %}
