{#- The decoded value of one query-string parameter of a URL, NULL when absent or empty.
    '+' is a space in query strings; url_decode alone leaves it. -#}
{% macro url_query_parameter(url, parameter) -%}
    nullif(url_decode(replace(
        regexp_extract({{ url }}, '[?&]{{ parameter }}=([^&#]*)', 1), '+', ' '
    )), '')
{%- endmacro %}

{#- The trailing id of a LinkedIn URN: urn:li:sponsoredCampaign:7001 -> '7001'. -#}
{% macro urn_id(expression) -%}
    nullif(regexp_extract({{ expression }}, '[^:]+$'), '')
{%- endmacro %}

{#- A Segment event's UTM parameter: the page URL's, else Segment's own parse of it in
    context.campaign (where utm_campaign is called `name`). -#}
{% macro utm_parameter(url, parameter, campaign_key) -%}
    coalesce(
        {{ url_query_parameter(url, parameter) }},
        nullif(context ->> '$.campaign.{{ campaign_key }}', '')
    )
{%- endmacro %}
