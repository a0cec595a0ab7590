{#- The marketing-only scope credits no sales activity: no row's touch type is one of var
    attribution_sales_touch_types. -#}
{% test no_sales_touch_type(model, column_name) %}
    select * from {{ model }}
    where {{ column_name }} in {{ attribution_sql_list(attribution_sales_touch_types()) }}
{% endtest %}
