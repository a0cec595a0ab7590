{#- Form submissions per month, form, persona and stage at submission (fct_form_submissions),
    with progressive profiling: fields given for the first time and the submissions that
    added at least one. -#}
with

submissions as (

    select * from {{ ref('fct_form_submissions') }}

),

final as (

    select
        cast(date_trunc('month', submitted_at) as date) as month_start,
        form_id,
        form_type,
        persona,
        stage_at_submission,
        cast(count(*) as bigint) as submissions,
        cast(count(distinct contact_key) as bigint) as contacts,
        cast(count(*) filter (where contact_key is null) as bigint) as anonymous_submissions,
        cast(sum(new_field_count) as bigint) as new_fields_given,
        cast(count(*) filter (where new_field_count >= 1) as bigint) as submissions_adding_fields
    from submissions
    group by all

)

select * from final
