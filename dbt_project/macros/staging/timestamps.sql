{#- Every staged timestamp is a naive TIMESTAMP holding UTC wall time, so that date
    truncation never depends on the session time zone. -#}

{#- ISO-8601 text -> UTC timestamp. An explicit offset (Z, +02:00) is honoured; text
    without one is taken as UTC already (HubSpot, Segment and SendGrid send UTC).
    Unparseable text becomes NULL. -#}
{% macro iso_to_utc_timestamp(expression) -%}
    case
        when regexp_matches({{ expression }}, '(Z|[+-][0-9]{2}:?[0-9]{2})$')
            then timezone('UTC', try_cast({{ expression }} as timestamptz))
        else try_cast({{ expression }} as timestamp)
    end
{%- endmacro %}

{#- Epoch seconds (SendGrid) -> UTC timestamp. -#}
{% macro epoch_seconds_to_timestamp(expression) -%}
    make_timestamp(cast({{ expression }} as bigint) * 1000000)
{%- endmacro %}

{#- A TIMESTAMP WITH TIME ZONE (the lineage column _loaded_at) -> UTC timestamp. -#}
{% macro tz_to_utc_timestamp(expression) -%}
    timezone('UTC', {{ expression }})
{%- endmacro %}

{#- A date from year / month / day parts (LinkedIn's dateRange); NULL if invalid. -#}
{% macro try_make_date(year, month, day) -%}
    {{ try_cast(
        "printf('%04d-%02d-%02d', " ~ year ~ ", " ~ month ~ ", " ~ day ~ ")", 'date'
    ) }}
{%- endmacro %}
