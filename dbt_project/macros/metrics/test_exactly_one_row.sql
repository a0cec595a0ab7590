{#- A one-row model (dim_snapshot_date) has exactly one row: fails with the count when not. -#}
{% test exactly_one_row(model) %}
with

counted as (

    select count(*) as n_rows
    from {{ model }}

)

select * from counted
where n_rows != 1
{% endtest %}
