{{ config(materialized='view') }}
-- The touches attribution can credit, per scope (macro attribution_scopes): identified (a
-- contact), timed, and allowed by the scope (macro attribution_scope_condition: var
-- attribution_touch_types, email opens left out by default; var attribution_channels; the
-- marketing scope also leaves out the sales touch types). A touch without a channel is kept
-- under '(none)' so that it still takes its share. A touch is one row per scope it counts in.
-- A view: a filter over fct_touchpoints that the conversion paths, the Markov chain and the
-- channel mart each read once.

with

touchpoints as (

    select
        touchpoint_id,
        contact_key,
        touched_at,
        touch_type,
        coalesce(channel, '(none)') as channel,
        campaign_key
    from {{ ref('fct_touchpoints') }}
    where contact_key is not null and touched_at is not null

),

final as (

    {% for scope in attribution_scopes() %}
        select
            '{{ scope }}' as attribution_scope,
            touchpoints.*
        from touchpoints
        where {{ attribution_scope_condition(scope, 'touchpoints') }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

)

select * from final
