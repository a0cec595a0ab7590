{#- Along `columns` (in funnel order) no timestamp is earlier than any non-NULL one before
    it: a first-entered funnel never goes back in time. NULLs (stages not reached) are
    skipped. Fails with one row per offending record. -#}
{% test timestamps_non_decreasing(model, columns) %}
with

records as (

    select * from {{ model }}

),

offending as (

    select * from records
    where {% for column in columns[1:] -%}
        {{ column }} < greatest({{ columns[:loop.index] | join(', ') }}){% if not loop.last %} or {% endif %}
    {%- endfor %}

)

select * from offending
{% endtest %}
