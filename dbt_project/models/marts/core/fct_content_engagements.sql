{#- One row per page view of a catalogued content piece, by a known contact or an
    unidentified visitor: the contact's persona, its canonical lifecycle stage at the view
    (latest canonical stage entered at or before it; 'visitor' before any, '(anonymous)'
    without contact) and the next stage it reached afterwards (the first canonical stage
    beyond that one entered after the view). -#}
with

page_views as (

    select * from {{ ref('int_content__page_views') }}

),

content as (

    select * from {{ ref('dim_content') }}
    where is_catalogued

),

contacts as (

    select * from {{ ref('dim_contact') }}

),

transitions as (

    select * from {{ ref('fct_lifecycle_transitions') }}

),

-- Canonical stage entries (side states left out); two at the same time: the later one.
stage_entries as (

    {{ lifecycle_stage_entries('transitions') }}

),

engagements as (

    select
        page_views.page_view_key as content_engagement_key,
        content.content_key,
        page_views.contact_key,
        page_views.visitor_id,
        page_views.session_id,
        page_views.viewed_at as engaged_at,
        content.content_type,
        content.funnel_stage,
        case
            when page_views.contact_key is null then '(unknown)'
            else coalesce(contacts.persona, '(unknown)')
        end as persona,
        case
            when page_views.contact_key is null then '(anonymous)'
            else coalesce(stage_entries.stage, 'visitor')
        end as stage_at_engagement,
        case
            when page_views.contact_key is not null then coalesce(stage_entries.stage_order, 0)
        end as stage_order_at_engagement
    from page_views
    inner join content
        on page_views.page_path = content.path
    left join contacts
        on page_views.contact_key = contacts.contact_key
    asof left join stage_entries
        on
            page_views.contact_key = stage_entries.contact_key
            and page_views.viewed_at >= stage_entries.transitioned_at

),

next_stages as (

    select
        engagements.content_engagement_key,
        arg_min(stage_entries.stage, stage_entries.transitioned_at) as next_stage,
        min(stage_entries.transitioned_at) as next_stage_entered_at
    from engagements
    inner join stage_entries
        on
            engagements.contact_key = stage_entries.contact_key
            and engagements.engaged_at < stage_entries.transitioned_at
            and engagements.stage_order_at_engagement < stage_entries.stage_order
    group by engagements.content_engagement_key

),

final as (

    select
        engagements.*,
        next_stages.next_stage,
        next_stages.next_stage_entered_at,
        date_diff('second', engagements.engaged_at, next_stages.next_stage_entered_at)
        / 86400.0 as days_to_next_stage
    from engagements
    left join next_stages
        on engagements.content_engagement_key = next_stages.content_engagement_key

)

select * from final
