with

source as (

    select * from {{ source('raw', 'hubspot__deal_pipelines') }}
    {{ deduplicate('id', '_loaded_at desc, _file desc') }}

),

stages as (

    select
        id,
        unnest(from_json(stages, '[{
            "id": "VARCHAR", "label": "VARCHAR", "displayOrder": "INTEGER", "archived": "BOOLEAN",
            "metadata": {"isClosed": "VARCHAR", "probability": "VARCHAR"},
            "createdAt": "VARCHAR", "updatedAt": "VARCHAR"
        }]')) as stage,
        _source,
        _batch_id,
        _loaded_at,
        _file
    from source

),

renamed as (

    select
        ---------- ids
        cast(id as varchar) as pipeline_id,
        stage.id as deal_stage_id,

        ---------- strings
        stage.label as deal_stage_label,

        ---------- numerics
        stage.displayOrder as display_order,  -- noqa: CP02
        -- HubSpot sends the metadata as strings ("0.2", "true").
        {{ try_cast('stage.metadata.probability', 'decimal(9, 6)') }} as probability,

        ---------- booleans
        {{ try_cast('stage.metadata.isClosed', 'boolean') }} as is_closed,
        coalesce(stage.archived, false) as is_archived,

        ---------- timestamps
        {{ iso_to_utc_timestamp('stage.createdAt') }} as created_at,
        {{ iso_to_utc_timestamp('stage.updatedAt') }} as updated_at,

        ---------- lineage
        _source,
        _batch_id,
        {{ tz_to_utc_timestamp('_loaded_at') }} as _loaded_at,
        _file
    from stages

)

select * from renamed
