{#- Amounts and counts that the vendor guarantees are >= 0 (NULL passes). -#}
{% test not_negative(model, column_name) %}
select {{ column_name }}
from {{ model }}
where {{ column_name }} < 0
{% endtest %}
