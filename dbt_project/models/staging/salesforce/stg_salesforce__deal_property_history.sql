{#- Opportunity stage, amount and close date changes in the columns of
    stg_hubspot__deal_property_history, under the deal property names of the contract
    ('dealstage', 'amount', 'closedate'; values as text). Per opportunity and property:
    - with OpportunityFieldHistory rows (StageName, Amount, CloseDate): each row's NewValue
      at its CreatedDate, and the creation value (the first row's OldValue) at the
      opportunity's CreatedDate (Salesforce writes no row for it, HubSpot does);
    - else, with OpportunityHistory rows (field history not tracked): the value of each
      snapshot that differs from the previous one;
    - else the current value, held since the opportunity's CreatedDate.
    A row repeating the previous value is no change and left out.
    Over 200 lines because the deal history has three sources in order of preference
    (OpportunityFieldHistory with creation values, OpportunityHistory snapshots, the current
    values) that must yield one change sequence per property. -#}
with

opportunities as (

    select * from {{ ref('base_salesforce__opportunity') }}

),

field_history as (

    select
        case field
            when 'StageName' then 'dealstage'
            when 'Amount' then 'amount'
            when 'CloseDate' then 'closedate'
        end as property_name,
        *
    from {{ ref('base_salesforce__opportunity_field_history') }}
    where field in ('StageName', 'Amount', 'CloseDate')

),

tracked as (

    select
        opportunity_id,
        property_name,
        arg_min(old_value, (created_date, id)) as first_old_value
    from field_history
    group by opportunity_id, property_name

),

snapshots as (

    select
        opportunity_id,
        unnest(map_keys(snapshot_values)) as property_name,
        unnest(map_values(snapshot_values)) as property_value,
        created_date as valid_from,
        id as row_id,
        created_by_id,
        _source,
        _batch_id,
        _loaded_at,
        _file
    from (
        select
            *,
            map {
                'dealstage': stage_name,
                'amount': {{ salesforce_decimal_text('amount') }},
                'closedate': cast(close_date as varchar)
            } as snapshot_values
        from {{ ref('base_salesforce__opportunity_history') }}
    ) as history

),

current_values as (

    select
        id as opportunity_id,
        unnest(map_keys(current_map)) as property_name,
        unnest(map_values(current_map)) as property_value,
        created_date as valid_from,
        _source,
        _batch_id,
        _loaded_at,
        _file
    from (
        select
            *,
            map {
                'dealstage': stage_name,
                'amount': {{ salesforce_decimal_text('amount') }},
                'closedate': cast(close_date as varchar)
            } as current_map
        from opportunities
    ) as opportunity_values

),

timeline as (

    -- Field history rows.
    select
        opportunity_id,
        property_name,
        new_value as property_value,
        created_date as valid_from,
        1 as row_rank,
        id as row_id,
        'OpportunityFieldHistory' as change_source_type,
        created_by_id as change_source_id,
        _source,
        _batch_id,
        _loaded_at,
        _file
    from field_history
    union all
    -- The creation value of a tracked property.
    select
        tracked.opportunity_id,
        tracked.property_name,
        tracked.first_old_value as property_value,
        current_values.valid_from,
        0 as row_rank,
        tracked.opportunity_id as row_id,
        'Opportunity' as change_source_type,
        cast(null as varchar) as change_source_id,
        current_values._source,
        current_values._batch_id,
        current_values._loaded_at,
        current_values._file
    from tracked
    inner join current_values
        on
            tracked.opportunity_id = current_values.opportunity_id
            and tracked.property_name = current_values.property_name
    union all
    -- Snapshots of a property without field history.
    select
        snapshots.opportunity_id,
        snapshots.property_name,
        snapshots.property_value,
        snapshots.valid_from,
        1 as row_rank,
        snapshots.row_id,
        'OpportunityHistory' as change_source_type,
        snapshots.created_by_id as change_source_id,
        snapshots._source,
        snapshots._batch_id,
        snapshots._loaded_at,
        snapshots._file
    from snapshots
    anti join tracked
        on
            snapshots.opportunity_id = tracked.opportunity_id
            and snapshots.property_name = tracked.property_name
    union all
    -- The current value of a property with neither.
    select
        current_values.opportunity_id,
        current_values.property_name,
        current_values.property_value,
        current_values.valid_from,
        0 as row_rank,
        current_values.opportunity_id as row_id,
        'Opportunity' as change_source_type,
        cast(null as varchar) as change_source_id,
        current_values._source,
        current_values._batch_id,
        current_values._loaded_at,
        current_values._file
    from current_values
    anti join tracked
        on
            current_values.opportunity_id = tracked.opportunity_id
            and current_values.property_name = tracked.property_name
    anti join snapshots
        on
            current_values.opportunity_id = snapshots.opportunity_id
            and current_values.property_name = snapshots.property_name

),

ordered as (

    select
        *,
        row_number() over (
            partition by opportunity_id, property_name
            order by valid_from, row_rank, row_id
        ) as position,
        lag(property_value) over (
            partition by opportunity_id, property_name
            order by valid_from, row_rank, row_id
        ) as previous_value
    from timeline
    -- A creation or current value that is empty is no value (a field history row
    -- clearing a value is a change and stays).
    where
        valid_from is not null
        and (row_rank = 1 or property_value is not null)

),

kept as (

    select * from ordered
    where position = 1 or property_value is distinct from previous_value

),

renamed as (

    select
        'salesforce' as source_system,

        ---------- ids
        opportunity_id as deal_id,
        property_name,
        cast(row_number() over w as integer) as change_number,

        ---------- strings
        property_value,
        change_source_type,
        change_source_id,

        ---------- booleans
        row_number() over w = count(*) over (partition by opportunity_id, property_name)
            as is_current,

        ---------- timestamps
        valid_from,
        lead(valid_from) over w as valid_to,

        ---------- lineage
        _source,
        _batch_id,
        _loaded_at,
        _file
    from kept
    window w as (partition by opportunity_id, property_name order by position)

)

select * from renamed
