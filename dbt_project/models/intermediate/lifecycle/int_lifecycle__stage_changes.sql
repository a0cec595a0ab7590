{#- Every stage-relevant change a source recorded, mapped to canonical stages and side
    states through the seed stage_mapping (a value the seed maps to no stage is not a
    change). Nothing is cleaned here: fct_lifecycle_transitions decides which changes are
    transitions. One model per source feeds it:
    - int_lifecycle__contact_stage_changes: contact lifecyclestage / hs_lead_status history;
    - int_lifecycle__deal_stage_changes: deal stage history, for every contact on the deal;
    - int_lifecycle__churn_stage_changes: company churn_date, for the account's customers;
    - int_lifecycle__nurture_stage_changes: nurture enrollment, from the first program email. -#}
with

contact_stage_changes as (

    select * from {{ ref('int_lifecycle__contact_stage_changes') }}

),

deal_stage_changes as (

    select * from {{ ref('int_lifecycle__deal_stage_changes') }}

),

churn_stage_changes as (

    select * from {{ ref('int_lifecycle__churn_stage_changes') }}

),

nurture_stage_changes as (

    select * from {{ ref('int_lifecycle__nurture_stage_changes') }}

),

stage_mapping_seed as (

    select * from {{ ref('stage_mapping') }}

),

canonical_stages as (

    select * from {{ ref('canonical_stages') }}

),

stage_mapping as (

    select
        source_system,
        source_field,
        source_value,
        canonical_stage,
        coalesce(is_side_state, false) as is_side_state
    from stage_mapping_seed
    where nullif(trim(canonical_stage), '') is not null

),

changes as (

    select * from contact_stage_changes
    union all
    select * from deal_stage_changes
    union all
    select * from churn_stage_changes
    union all
    select * from nurture_stage_changes

),

-- Exact values first; a '*' row maps any value of its field.
mapped as (

    select
        changes.stage_change_id,
        changes.contact_key,
        changes.changed_at,
        changes.source_system,
        changes.source_field,
        changes.source_value,
        changes.source_record_id,
        coalesce(exact.canonical_stage, wildcard.canonical_stage) as to_stage,
        coalesce(exact.is_side_state, wildcard.is_side_state) as is_side_state,
        changes.nurture_program,
        changes.is_inferred
    from changes
    left join stage_mapping as exact
        on
            changes.source_system = exact.source_system
            and changes.source_field = exact.source_field
            and changes.source_value = exact.source_value
    left join stage_mapping as wildcard
        on
            changes.source_system = wildcard.source_system
            and changes.source_field = wildcard.source_field
            and wildcard.source_value = '*'
    where
        changes.changed_at is not null
        and coalesce(exact.canonical_stage, wildcard.canonical_stage) is not null

),

final as (

    select
        mapped.stage_change_id,
        mapped.contact_key,
        mapped.changed_at,
        mapped.source_system,
        mapped.source_field,
        mapped.source_value,
        mapped.source_record_id,
        mapped.to_stage,
        mapped.is_side_state,
        canonical_stages.stage_order,
        mapped.nurture_program,
        mapped.is_inferred
    from mapped
    left join canonical_stages
        on mapped.to_stage = canonical_stages.stage

)

select * from final
