{#- The deal stages of each CRM pipeline as the CRM defines them (label, display order,
    win probability, closed flag), with our sales stage from the editable mapping (seed
    sales_stage_mapping; NULL while a stage is unmapped). -#}
with

stages as (

    select * from {{ ref('int_sales__stages') }}

),

stage_mapping as (

    select * from {{ ref('sales_stage_mapping') }}

),

final as (

    select
        stages.pipeline_id,
        stages.deal_stage_id,
        stages.deal_stage_label,
        stages.display_order,
        stages.probability,
        stages.is_closed,
        stage_mapping.sales_stage,
        stage_mapping.sales_stage_order,
        stage_mapping.is_won
    from stages
    left join stage_mapping
        on
            stages.source_system = stage_mapping.source_system
            and stages.pipeline_id = stage_mapping.pipeline_id
            and stages.deal_stage_id = stage_mapping.deal_stage_id

)

select * from final
