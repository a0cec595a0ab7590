{#- One row per anonymous web visitor id (the tracker's anonymousId) seen on a web touch,
    identified or not: when and through which channel it first came, and the contact it
    turned out to be (int_visitors__stitched), if any. The visitor stage of the funnel
    marts counts these ids. -#}
with

touchpoints as (

    select * from {{ ref('fct_touchpoints') }}
    where anonymous_id is not null

),

stitched as (

    select * from {{ ref('int_visitors__stitched') }}

),

visits as (

    select
        anonymous_id,
        min(touched_at) as first_seen_at,
        arg_min(channel, (touched_at, touchpoint_id)) as first_touch_channel,
        cast(count(distinct session_id) as bigint) as session_count,
        cast(count(*) as bigint) as touch_count
    from touchpoints
    group by anonymous_id

),

final as (

    select
        visits.anonymous_id,
        stitched.contact_key,
        stitched.contact_key is not null as is_identified,
        stitched.identified_at,
        stitched.identification_source,
        visits.first_seen_at,
        visits.first_touch_channel,
        visits.session_count,
        visits.touch_count
    from visits
    left join stitched
        on visits.anonymous_id = stitched.anonymous_id

)

select * from final
