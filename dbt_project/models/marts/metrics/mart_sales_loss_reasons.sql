{#- Why deals were lost: lost deals and their USD amount per loss reason, by close month and
    the finest slice (rep, team, company size band, industry, source). Additive: sum over
    months, slices and reasons. A reason's share of losses is computed by the reader
    (its lost_deals ÷ all lost_deals of the same selection). -#}
{%- set slices = sales_slice_columns() -%}
with

lost_deals as (

    select * from {{ ref('int_metrics__closed_deals') }}
    where not is_won

),

final as (

    select
        cast(date_trunc('month', closed_at) as date) as month_start,
        {{ slices | join(', ') }},
        {{ sales_slice_value('loss_reason') }} as loss_reason,
        {{ sales_count_if() }} as lost_deals,
        {{ sales_usd_sum('amount_usd') }} as lost_amount_usd
    from lost_deals
    group by all

)

select * from final
