{#- Salesforce opportunity stages per pipeline, in the columns of
    stg_hubspot__deal_pipeline_stages. Salesforce stage metadata (OpportunityStage) is not
    extracted: the stages are the seed sales_stage_mapping rows of source_system
    'salesforce', for the pipelines (record types, else 'default') the opportunities use.
    The stage id and label are the StageName; the win probability is the one the
    opportunities in the stage carry (Opportunity.Probability, a percentage, defaults to
    the stage's; the most common value, as a fraction like HubSpot's). -#}
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

stage_probabilities as (

    select
        coalesce(record_type_id, 'default') as pipeline_id,
        stage_name as deal_stage_id,
        mode(probability) / 100 as probability
    from {{ ref('base_salesforce__opportunity') }}
    where probability is not null
    group by coalesce(record_type_id, 'default'), stage_name

),

renamed as (

    select
        'salesforce' as source_system,

        ---------- ids
        stage_mapping.pipeline_id,
        stage_mapping.deal_stage_id,

        ---------- strings
        stage_mapping.deal_stage_id as deal_stage_label,

        ---------- numerics
        stage_mapping.sales_stage_order as display_order,
        cast(stage_probabilities.probability as decimal(9, 6)) as probability,

        ---------- booleans
        stage_mapping.is_closed,
        false as is_archived,

        ---------- timestamps
        cast(null as timestamp) as created_at,
        cast(null as timestamp) as updated_at,

        ---------- lineage
        'seed' as _source,
        cast(null as varchar) as _batch_id,
        pipelines_in_use._loaded_at,
        'seeds/sales_stage_mapping.csv' as _file
    from stage_mapping
    inner join pipelines_in_use
        on stage_mapping.pipeline_id = pipelines_in_use.pipeline_id
    left join stage_probabilities
        on
            stage_mapping.pipeline_id = stage_probabilities.pipeline_id
            and stage_mapping.deal_stage_id = stage_probabilities.deal_stage_id

)

select * from renamed
