{#- A deal's stage, amount and expected close date over time, from the CRM property
    history, typed: the input of every "as of a date" question (pipeline, slippage). -#}
with

history as (

    select * from {{ ref('stg_hubspot__deal_property_history') }}
    where property_name in ('dealstage', 'amount', 'closedate')

),

typed as (

    select
        'hs_' || deal_id as opportunity_key,
        property_name,
        change_number,
        valid_from,
        valid_to,
        case when property_name = 'dealstage' then property_value end as deal_stage_id,
        case when property_name = 'amount' then {{ try_cast('property_value', 'decimal(18, 2)') }} end
            as amount,
        -- HubSpot close dates are midnight UTC ISO timestamps; the day is what counts.
        case when property_name = 'closedate' then {{ try_cast('left(property_value, 10)', 'date') }} end
            as expected_close_date
    from history

)

select * from typed
