{#- The conformed campaign key: `<platform>:<campaign id>` (docs/core-schema.md). -#}
{% macro campaign_key(platform, campaign_id) -%}
    {{ platform }} || ':' || {{ campaign_id }}
{%- endmacro %}

{#- Words of a campaign name or utm_campaign, lower case, for matching the two:
    'Prospecting - Ebook' and 'ebook-prospecting' both give [prospecting, ebook]. -#}
{% macro campaign_name_tokens(expression) -%}
    list_filter(regexp_split_to_array(lower({{ expression }}), '[^a-z0-9]+'), lambda token: token != '')
{%- endmacro %}

{#- The host of a URL, lower case, without `www.`: 'https://www.google.com/x' -> 'google.com'. -#}
{% macro url_host(url) -%}
    nullif(regexp_replace(lower(regexp_extract({{ url }}, '^[A-Za-z][A-Za-z0-9+.-]*://([^/:?#]+)', 1)), '^www\.', ''), '')
{%- endmacro %}
