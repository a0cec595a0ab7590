{#- Each time a deal entered a CRM stage (the dealstage property history), with the sales
    stage it maps to (seed sales_stage_mapping, by the deal's pipeline) and the pipeline
    stage's label, win probability and closed flag. A stage no sales stage maps (not one
    of the pipeline's mapped stages) is the sales stage 'unknown'. Stage ids and orders are
    per pipeline (Salesforce's 'Closed Won' is a stage of both pipelines), so every join
    is on CRM × pipeline × stage. -#}
with

property_history as (

    select * from {{ ref('int_deals__property_history') }}

),

deals as (

    select * from {{ ref('stg_crm__deals') }}

),

stage_mapping as (

    select * from {{ ref('sales_stage_mapping') }}

),

pipeline_stages as (

    select * from {{ ref('int_sales__stages') }}

),

stage_changes as (

    select
        source_system,
        deal_id,
        change_number,
        property_value as deal_stage_id,
        valid_from as entered_at,
        valid_to as exited_at,
        is_current,
        change_source_type
    from property_history
    where property_name = 'dealstage'

),

final as (

    select
        {{ surrogate_key(['stage_changes.source_system', 'stage_changes.deal_id', 'stage_changes.change_number']) }}
            as opportunity_stage_id,
        {{ crm_key('stage_changes.deal_id') }} as opportunity_key,
        stage_changes.change_number as stage_entry_number,
        stage_changes.deal_stage_id,
        pipeline_stages.deal_stage_label,
        -- A stage the seed does not map for the deal's pipeline (docs/resilience.md §1).
        coalesce(stage_mapping.sales_stage, 'unknown') as sales_stage,
        stage_mapping.sales_stage_order,
        pipeline_stages.probability,
        coalesce(stage_mapping.is_closed, pipeline_stages.is_closed) as is_closed_stage,
        stage_mapping.is_won as is_won_stage,
        stage_changes.entered_at,
        stage_changes.exited_at,
        stage_changes.is_current,
        stage_changes.change_source_type
    from stage_changes
    left join deals
        on
            stage_changes.source_system = deals.source_system
            and stage_changes.deal_id = deals.deal_id
    left join stage_mapping
        on
            stage_changes.source_system = stage_mapping.source_system
            and deals.pipeline_id = stage_mapping.pipeline_id
            and stage_changes.deal_stage_id = stage_mapping.deal_stage_id
    left join pipeline_stages
        on
            stage_changes.source_system = pipeline_stages.source_system
            and deals.pipeline_id = pipeline_stages.pipeline_id
            and stage_changes.deal_stage_id = pipeline_stages.deal_stage_id

)

select * from final
