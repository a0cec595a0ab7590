{#- Along `columns` (in funnel order) no timestamp is earlier than any non-NULL one before
    it: a first-entered funnel never goes back in time. NULLs (stages not reached) are
    skipped. Fails with one row per offending record. -#}
{% test timestamps_non_decreasing(model, columns) %}
select *
from {{ model }}
where
    {%- for column in columns[1:] %}
        {% if not loop.first %}or {% endif %}{{ column }} < greatest({{ columns[:loop.index] | join(', ') }})
    {%- endfor %}
{% endtest %}
