{#- The value of one action type in Meta's `actions` list ([{action_type, value}]);
    0 when absent (Meta omits zero actions, and the whole list when there are none). -#}
{% macro meta_action_value(action_list, action_type) -%}
    coalesce(list_sum(list_transform(
        list_filter({{ action_list }}, lambda action: action.action_type = '{{ action_type }}'),
        lambda action: {{ try_cast('action.value', 'double') }}
    )), 0)
{%- endmacro %}
