{#- The lower-case column names of an existing relation (a list), for models that read a
    column only when the warehouse has it (an optional contract column an older raw table
    lacks, a core column added later). Before execution (dbt parse, sqlfluff) and for a
    relation not built yet: an empty list. -#}
{% macro relation_column_names(relation) -%}
    {%- if not execute -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set names = [] -%}
    {%- for column in adapter.get_columns_in_relation(relation) -%}
        {%- do names.append(column.name | lower) -%}
    {%- endfor -%}
    {{ return(names) }}
{%- endmacro %}
