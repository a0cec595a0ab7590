{{ config(materialized='view') }}
-- The touches attribution can credit: identified (a contact), timed, of a counted type (var
-- attribution_touch_types; email opens are left out by default). A touch without a channel is
-- kept under '(none)' so that it still takes its share. A view: a filter over fct_touchpoints
-- that the conversion paths, the Markov chain and the channel mart each read once.

with

touchpoints as (

    select * from {{ ref('fct_touchpoints') }}

),

final as (

    select
        touchpoint_id,
        contact_key,
        touched_at,
        touch_type,
        coalesce(channel, '(none)') as channel,
        campaign_key
    from touchpoints
    where
        contact_key is not null
        and touched_at is not null
        and touch_type in {{ attribution_touch_types_sql() }}

)

select * from final
