{#- Sales stage entries of deals (int_opportunities__stage_entries) with what follows from
    their order: the previous stage, whether the entry moved back, and the days spent. -#}
with

stage_entries as (

    select * from {{ ref('int_opportunities__stage_entries') }}

),

final as (

    select
        opportunity_stage_id,
        opportunity_key,
        stage_entry_number,
        deal_stage_id,
        deal_stage_label,
        sales_stage,
        sales_stage_order,
        probability,
        is_closed_stage,
        is_won_stage,
        lag(sales_stage) over (partition by opportunity_key order by stage_entry_number)
            as previous_sales_stage,
        -- A move back (a re-opened deal, a stage redone) is a fact too.
        coalesce(
            sales_stage_order < lag(sales_stage_order) over (
                partition by opportunity_key order by stage_entry_number
            ),
            false
        ) as is_backward_move,
        entered_at,
        exited_at,
        -- Days spent in the stage; NULL while the deal is still in it.
        date_diff('second', entered_at, exited_at) / 86400.0 as days_in_stage,
        is_current,
        change_source_type
    from stage_entries

)

select * from final
