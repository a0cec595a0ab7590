{#- The touches attribution can credit: identified (a contact), timed, of a counted type.
    A touch without a channel is kept under '(none)' so that it still takes its share. -#}
{% macro attribution_countable_touches() -%}
    select
        touchpoint_id,
        contact_key,
        touched_at,
        touch_type,
        coalesce(channel, '(none)') as channel,
        campaign_key
    from {{ ref('fct_touchpoints') }}
    where contact_key is not null
        and touched_at is not null
        and touch_type in {{ attribution_touch_types_sql() }}
{%- endmacro %}
