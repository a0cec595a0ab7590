-- Transition counts of the lead chain's non-converting paths of visitors who never identified
-- (data_driven): an anonymous visitor id (fct_touchpoints.anonymous_id) none of whose touches
-- ever carries a contact never became a lead. Its path is its touches allowed by the scope
-- (macro attribution_scope_condition) in the lookback window ending at the as-of time (var
-- attribution_as_of, default the latest identified touch, as for the contacts), inclusive,
-- then (null). A visitor that identified later is a contact: its touches carry its
-- contact_key and its path is the contact's (a conversion, or
-- int_attribution__markov_non_converting_contacts). Visitors without a touch in the window
-- are not paths. Only the lead stage: the visitor stage precedes lead; MQL and SQL are
-- reached by contacts, whose non-converters are the contacts that missed them.
{%- set lookback_days = attribution_lookback_days() %}

with

touchpoints as (

    select * from {{ ref('fct_touchpoints') }}

),

conversion_stages as (

    select conversion_stage from {{ ref('attribution_conversion_stages') }}
    where conversion_stage = 'lead'

),

as_of as (

    select {{ attribution_as_of_sql(ref('int_attribution__countable_touches')) }} as as_of_at

),

identified_visitors as (

    select distinct anonymous_id
    from touchpoints
    where anonymous_id is not null and contact_key is not null

),

anonymous_touches as (

    select
        touchpoints.touchpoint_id,
        touchpoints.anonymous_id,
        touchpoints.touched_at,
        touchpoints.touch_type,
        coalesce(touchpoints.channel, '(none)') as channel
    from touchpoints
    cross join as_of
    where
        touchpoints.contact_key is null
        and touchpoints.anonymous_id is not null
        and touchpoints.touched_at <= as_of.as_of_at
        and touchpoints.touched_at >= as_of.as_of_at - interval '{{ lookback_days }} days'
        and not exists (
            select 1 from identified_visitors
            where identified_visitors.anonymous_id = touchpoints.anonymous_id
        )

),

scoped_touches as (

    {% for scope in attribution_scopes() %}
        select
            '{{ scope }}' as attribution_scope,
            anonymous_touches.*
        from anonymous_touches
        where {{ attribution_scope_condition(scope, 'anonymous_touches') }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

visitor_touches as (

    select
        attribution_scope,
        channel,
        lag(channel) over ordered_touches as previous_channel,
        lead(channel) over ordered_touches is null as is_last_touch
    from scoped_touches
    window ordered_touches as (
        partition by attribution_scope, anonymous_id order by touched_at, touchpoint_id
    )

),

visitor_steps as (

    select
        attribution_scope,
        coalesce(previous_channel, '(start)') as from_state,
        channel as to_state
    from visitor_touches

    union all

    select
        attribution_scope,
        channel as from_state,
        '(null)' as to_state
    from visitor_touches
    where is_last_touch

),

final as (

    select
        visitor_steps.attribution_scope,
        conversion_stages.conversion_stage,
        visitor_steps.from_state,
        visitor_steps.to_state,
        count(*) as transitions
    from visitor_steps
    cross join conversion_stages
    group by all

)

select * from final
