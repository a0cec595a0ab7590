{#- Salesforce pipelines, in the columns of stg_hubspot__deal_pipelines: each pipeline
    (record type, else 'default') that the seed sales_stage_mapping maps for source_system
    'salesforce' and that opportunities use. The label is the pipeline id. -#}
with

stage_mapping as (

    select * from {{ ref('sales_stage_mapping') }}
    where source_system = 'salesforce'

),

pipelines_in_use as (

    select
        coalesce(record_type_id, 'default') as pipeline_id,
        max(_loaded_at) as _loaded_at
    from {{ ref('base_salesforce__opportunity') }}
    group by coalesce(record_type_id, 'default')

),

mapped_pipelines as (

    select distinct pipeline_id
    from stage_mapping

),

renamed as (

    select
        'salesforce' as source_system,

        ---------- ids
        mapped_pipelines.pipeline_id,

        ---------- strings
        mapped_pipelines.pipeline_id as pipeline_label,

        ---------- numerics
        cast(
            row_number() over (order by mapped_pipelines.pipeline_id) - 1 as integer
        ) as display_order,

        ---------- booleans
        false as is_archived,

        ---------- timestamps
        cast(null as timestamp) as created_at,
        cast(null as timestamp) as updated_at,

        ---------- lineage
        'seed' as _source,
        cast(null as varchar) as _batch_id,
        pipelines_in_use._loaded_at,
        'seeds/sales_stage_mapping.csv' as _file
    from mapped_pipelines
    inner join pipelines_in_use
        on mapped_pipelines.pipeline_id = pipelines_in_use.pipeline_id

)

select * from renamed
