{#- The CRM's deal stages per pipeline (label, display order, win probability, closed
    flag), as staged. -#}
with

stages as (

    select * from {{ ref('stg_crm__deal_pipeline_stages') }}

),

final as (

    select * from stages

)

select * from final
