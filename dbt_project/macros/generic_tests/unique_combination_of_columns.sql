{#- A compound primary key: no column of the key is NULL and no combination repeats.
    Fails with one row per offending key (NULL keys reported with their count). -#}
{% test unique_combination_of_columns(model, combination_of_columns) %}
{%- set columns_csv = combination_of_columns | join(', ') %}
with

keys as (

    select {{ columns_csv }}
    from {{ model }}

),

null_keys as (

    select {{ columns_csv }}, count(*) as n_rows
    from keys
    where {% for column in combination_of_columns -%}
        {{ column }} is null{% if not loop.last %} or {% endif %}
    {%- endfor %}
    group by {{ columns_csv }}

),

repeated_keys as (

    select {{ columns_csv }}, count(*) as n_rows
    from keys
    group by {{ columns_csv }}
    having count(*) > 1

)

select * from null_keys
union all
select * from repeated_keys
{% endtest %}
