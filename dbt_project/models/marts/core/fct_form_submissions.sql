{#- One row per web form submission: int_forms__submissions with the contact's persona and
    its canonical lifecycle stage at the moment (the latest canonical stage it entered at or
    before the submission; 'visitor' before any, '(anonymous)' for unidentified visitors). -#}
with

submissions as (

    select * from {{ ref('int_forms__submissions') }}

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

final as (

    select
        submissions.form_submission_key,
        submissions.contact_key,
        submissions.visitor_id,
        submissions.submitted_at,
        submissions.form_id,
        submissions.form_type,
        case
            when submissions.contact_key is null then '(unknown)'
            else coalesce(contacts.persona, '(unknown)')
        end as persona,
        case
            when submissions.contact_key is null then '(anonymous)'
            else coalesce(stage_entries.stage, 'visitor')
        end as stage_at_submission,
        case
            when submissions.contact_key is not null then coalesce(stage_entries.stage_order, 0)
        end as stage_order_at_submission,
        submissions.submitted_fields,
        submissions.submitted_field_count,
        submissions.new_fields,
        submissions.new_field_count
    from submissions
    left join contacts
        on submissions.contact_key = contacts.contact_key
    asof left join stage_entries
        on
            submissions.contact_key = stage_entries.contact_key
            and submissions.submitted_at >= stage_entries.transitioned_at

)

select * from final
