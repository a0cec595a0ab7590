{#- The canonical stage entries of fct_lifecycle_transitions (`transitions`: a CTE or
    relation), side states left out; two entries of a contact at the same instant: the later
    transition. One row per contact × entry time: contact_key, transitioned_at, stage,
    stage_order. For "the contact's stage at a moment" (an asof join on transitioned_at). -#}
{% macro lifecycle_stage_entries(transitions) -%}
    select
        contact_key,
        transitioned_at,
        arg_max(to_stage, transition_number) as stage,
        arg_max(to_stage_order, transition_number) as stage_order
    from {{ transitions }}
    where to_stage_order is not null
    group by contact_key, transitioned_at
{%- endmacro %}
