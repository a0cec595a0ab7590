{#- Building blocks of the stalled-items marts (docs/metrics/stalled.md). -#}

{#- The stalled rule: days in the stage above the stage's p75 of completed stays ×
    var stalled_norm_multiplier (default 1.0) and at least var stalled_min_days (default
    7). False when the stage has no completed stay yet (no norm to compare with). -#}
{% macro stalled_flag(days_in_stage, p75_days) -%}
    coalesce(
        {{ days_in_stage }} > {{ p75_days }} * {{ var('stalled_norm_multiplier', 1.0) }}
        and {{ days_in_stage }} >= {{ var('stalled_min_days', 7) }},
        false
    )
{%- endmacro %}
