{#- A long-format mart slices the same population every way: within each group, the
    measure summed over the values of any dimension equals its 'overall' value (every record
    sits in exactly one value of each dimension; none dropped, none counted twice). Fails
    with one row per group and dimension that does not add up. -#}
{% test slices_add_up_to_overall(model, measure, group_by) %}
{%- set group_columns = group_by | join(', ') %}
with

per_dimension as (

    select
        {{ group_columns }},
        dimension,
        sum({{ measure }}) as measure_total
    from {{ model }}
    group by {{ group_columns }}, dimension

),

compared as (

    select
        *,
        max(measure_total) filter (where dimension = 'overall') over (
            partition by {{ group_columns }}
        ) as overall_total
    from per_dimension

)

select * from compared
where
    dimension != 'overall'
    and (overall_total is null or measure_total != overall_total)
{% endtest %}
