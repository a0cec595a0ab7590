{#- Web form submissions (`Form Submitted` track events) with the contact their visitor id
    is stitched to, and progressive profiling: the fields a submission gives that its
    submitter (the contact, else the anonymous visitor id) gave in none of its earlier
    submissions. -#}
with

events as (

    select * from {{ ref('stg_web__events') }}
    where event_type = 'track' and event_name = 'Form Submitted'

),

stitched as (

    select * from {{ ref('int_visitors__stitched') }}

),

submissions as (

    select
        events.message_id as form_submission_key,
        stitched.contact_key,
        events.anonymous_id as visitor_id,
        events.event_at as submitted_at,
        coalesce(nullif(trim(events.form_id), ''), '(unknown)') as form_id,
        coalesce(nullif(trim(events.form_type), ''), '(unknown)') as form_type,
        coalesce(events.form_fields, cast([] as varchar[])) as form_fields,
        coalesce(stitched.contact_key, 'visitor:' || events.anonymous_id, events.message_id)
            as submitter_key
    from events
    left join stitched
        on events.anonymous_id = stitched.anonymous_id

),

-- Every field the submitter gave before this submission (earlier time; same time: lower key).
earlier as (

    select
        *,
        list_distinct(flatten(coalesce(
            list(form_fields) over (
                partition by submitter_key
                order by submitted_at, form_submission_key
                rows between unbounded preceding and 1 preceding
            ),
            cast([] as varchar[][])
        ))) as earlier_fields
    from submissions

),

final as (

    select
        form_submission_key,
        contact_key,
        visitor_id,
        submitted_at,
        form_id,
        form_type,
        array_to_string(form_fields, ',') as submitted_fields,
        cast(len(form_fields) as bigint) as submitted_field_count,
        array_to_string(
            list_filter(form_fields, lambda field: not list_contains(earlier_fields, field)), ','
        ) as new_fields,
        cast(len(
            list_filter(form_fields, lambda field: not list_contains(earlier_fields, field))
        ) as bigint) as new_field_count
    from earlier

)

select * from final
