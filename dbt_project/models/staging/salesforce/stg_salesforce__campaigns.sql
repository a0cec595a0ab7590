{#- Salesforce campaigns (webinars, events, content syndication, ...): the campaigns whose
    members' responses are touches (stg_salesforce__campaign_members). -#}
with

campaigns as (

    select * from {{ ref('base_salesforce__campaign') }}

),

renamed as (

    select
        'salesforce' as source_system,
        id as campaign_id,
        parent_id as parent_campaign_id,
        name as campaign_name,
        type as campaign_type,
        status as campaign_status,
        actual_cost,
        budgeted_cost,
        start_date,
        end_date,
        coalesce(is_deleted, false) as is_archived,
        created_date as created_at,
        last_modified_date as updated_at,
        _source,
        _batch_id,
        _loaded_at,
        _file
    from campaigns

)

select * from renamed
