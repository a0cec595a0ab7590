{#- Salesforce Opportunities in the columns of stg_hubspot__deals: the stage id is the
    StageName label (seed sales_stage_mapping maps it), the pipeline the record type, or
    'default' without one. -#}
with

opportunities as (

    select * from {{ ref('base_salesforce__opportunity') }}

),

renamed as (

    select
        'salesforce' as source_system,

        ---------- ids
        id as deal_id,
        coalesce(record_type_id, 'default') as pipeline_id,
        stage_name as deal_stage_id,
        owner_id,

        ---------- strings
        name as deal_name,
        currency_iso_code as currency_code,
        loss_reason_c as closed_lost_reason,
        -- Opportunity Type (New Customer, Existing Customer - Upgrade, ...); seed
        -- deal_type_mapping maps it.
        type as deal_type_raw,

        ---------- numerics
        amount,

        ---------- booleans
        is_closed,
        is_won as is_closed_won,
        -- Deleted (recycle bin): kept here, left out of core unless var include_archived.
        coalesce(is_deleted, false) as is_archived,

        ---------- timestamps
        cast(close_date as timestamp) as close_at,
        created_date as deal_created_at,
        created_date as created_at,
        last_modified_date as updated_at,
        -- Salesforce keeps no deletion time: the last system change of a deleted record.
        case when is_deleted then system_modstamp end as archived_at,

        ---------- custom fields (seed custom_fields): typed columns named by their alias
        {{ salesforce_custom_field_columns(ref('custom_fields'), 'deals') }}

        ---------- lineage
        _source,
        _batch_id,
        _loaded_at,
        _file
    from opportunities

)

select * from renamed
