{#- The CRM's history of each deal's properties (stage, amount, expected close date), one
    row per change with the interval it was valid for, and the value typed: the input of
    every "as of a date" question (pipeline, slippage, the snapshot date). -#}
with

history as (

    select * from {{ ref('int_deals__property_history') }}

),

final as (

    select
        opportunity_key,
        deal_id as hubspot_deal_id,
        property_name,
        change_number,
        valid_from,
        valid_to,
        property_value,
        case when property_name = 'dealstage' then property_value end as deal_stage_id,
        case
            when property_name = 'amount'
                then {{ try_cast('property_value', 'decimal(18, 2)') }}
        end as amount,
        -- HubSpot close dates are midnight UTC ISO timestamps; the day is what counts.
        case
            when property_name = 'closedate'
                then {{ try_cast('left(property_value, 10)', 'date') }}
        end as expected_close_date
    from history

)

select * from final
