{#- Content engagement and the conversion that follows (docs/metrics/personas.md): per
    content piece, persona and stage at engagement (fct_content_engagements), the page
    views, the known contacts that viewed, and those that reached their next canonical stage
    (the first stage beyond the one they were in) within var content_conversion_window_days
    (default 90) after one of their views in the cell. -#}
with

engagements as (

    select * from {{ ref('fct_content_engagements') }}

),

stages as (

    select * from {{ ref('canonical_stages') }}

),

flagged as (

    select
        *,
        next_stage_entered_at <= engaged_at + to_days(
            cast({{ var('content_conversion_window_days', 90) }} as integer)
        ) as converted_in_window
    from engagements

),

final as (

    select
        flagged.content_key,
        flagged.persona,
        flagged.stage_at_engagement,
        any_value(flagged.content_type) as content_type,
        any_value(flagged.funnel_stage) as funnel_stage,
        cast(count(*) as bigint) as engagements,
        cast(count(*) filter (where flagged.contact_key is null) as bigint) as anonymous_engagements,
        cast(count(distinct flagged.contact_key) as bigint) as engaged_contacts,
        cast(count(distinct flagged.contact_key) filter (where flagged.converted_in_window) as bigint)
            as next_stage_contacts,
        case
            when
                count(distinct flagged.contact_key) > 0
                and max(flagged.stage_order_at_engagement) < (select max(stages.stage_order) from stages)
                then
                    count(distinct flagged.contact_key) filter (where flagged.converted_in_window)
                    / cast(count(distinct flagged.contact_key) as double)
        end as next_stage_conversion_rate
    from flagged
    group by flagged.content_key, flagged.persona, flagged.stage_at_engagement

)

select * from final
