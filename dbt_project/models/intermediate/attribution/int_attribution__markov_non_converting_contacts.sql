-- Transition counts of the non-converting paths of the contact stages' Markov chains
-- (data_driven; the contact stages of seed attribution_conversion_stages: lead, mql, sql). A
-- contact that never entered a stage walks a path that ends in (null): its touches in the
-- lookback window ending at the as-of time (var attribution_as_of, default the latest touch),
-- inclusive. A contact's path is the same for every stage it misses, so it is walked once
-- and counted for each of them. Contacts without a touch in the window are not paths. One
-- chain per attribution scope (its touches). The lead stage's other non-converters, the
-- visitors who never identified, are int_attribution__markov_non_converting_visitors.
{%- set lookback_days = attribution_lookback_days() %}
{%- set contact_stages = attribution_contact_stages(ref('attribution_conversion_stages')) %}

with

touches as (

    select * from {{ ref('int_attribution__countable_touches') }}

),

contacts as (

    select * from {{ ref('fct_contact_funnel') }}

),

as_of as (

    select {{ attribution_as_of_sql('touches') }} as as_of_at

),

contact_touches as (

    select
        touches.attribution_scope,
        touches.contact_key,
        touches.channel,
        lag(touches.channel) over ordered_touches as previous_channel,
        lead(touches.channel) over ordered_touches is null as is_last_touch
    from touches
    cross join as_of
    where
        touches.touched_at <= as_of.as_of_at
        and touches.touched_at >= as_of.as_of_at - interval '{{ lookback_days }} days'
    window ordered_touches as (
        partition by touches.attribution_scope, touches.contact_key
        order by touches.touched_at, touches.touchpoint_id
    )

),

contact_steps as (

    select
        attribution_scope,
        contact_key,
        coalesce(previous_channel, '(start)') as from_state,
        channel as to_state
    from contact_touches

    union all

    select
        attribution_scope,
        contact_key,
        channel as from_state,
        '(null)' as to_state
    from contact_touches
    where is_last_touch

),

contact_step_counts as (

    select
        contact_steps.attribution_scope,
        contact_steps.from_state,
        contact_steps.to_state,
        {%- for stage in contact_stages %}
            contacts.{{ stage.canonical_stage }}_at is null as misses_{{ stage.conversion_stage }},
        {%- endfor %}
        count(*) as transitions
    from contact_steps
    left join contacts on contact_steps.contact_key = contacts.contact_key
    group by all

),

final as (

    {% for stage in contact_stages %}
        select
            attribution_scope,
            '{{ stage.conversion_stage }}' as conversion_stage,
            from_state,
            to_state,
            cast(sum(transitions) as bigint) as transitions
        from contact_step_counts
        where misses_{{ stage.conversion_stage }}
        group by attribution_scope, from_state, to_state
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

)

select * from final
