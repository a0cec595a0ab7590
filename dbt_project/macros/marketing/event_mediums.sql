{#- utm_medium values that mark an event or webinar link (var `event_utm_mediums`):
    such sessions are event attendance touches. -#}
{% macro is_event_medium(utm_medium) -%}
    {%- set mediums = var('event_utm_mediums', ['event', 'webinar']) -%}
    coalesce({{ utm_medium }} in ({% for medium in mediums %}'{{ medium }}'{% if not loop.last %}, {% endif %}{% endfor %}), false)
{%- endmacro %}
