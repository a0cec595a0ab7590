{#- Period-based stage entries, contact level (docs/metrics/funnel.md), for
    mart_funnel_stage_entries (month), mart_funnel_stage_entries_weekly (ISO week, Monday
    start) and _quarterly: how many contacts first entered each canonical stage in the
    period (`grain`: 'week' | 'month' | 'quarter', UTC); the visitor stage counts visitor
    ids first seen. Skipped stages count as entered (filled, DESIGN.md §3). -#}
{% macro metrics_funnel_stage_entries(funnel_entries, grain) -%}
    with

    entries as (

        select * from {{ funnel_entries }}
        where level = 'contact'

    ),

    final as (

        select
            cast(date_trunc('{{ grain }}', entered_at) as date) as {{ grain }}_start,
            stage,
            cast(stage_order as integer) as stage_order,
            first_touch_channel,
            company_size_band,
            industry,
            owner_team,
            cast(count(*) as bigint) as entries
        from entries
        group by all

    )

    select * from final
{%- endmacro %}
