{#- A mart has exactly one row per row of its spine (no join fan-out, nothing dropped):
    count(model) = count(spine). -#}
{% test row_count_matches(model, spine) %}
with

counts as (

    select
        (select count(*) from {{ model }}) as model_rows,
        (select count(*) from {{ spine }}) as spine_rows

)

select * from counts
where model_rows != spine_rows
{% endtest %}
