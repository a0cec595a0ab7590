{#- Expected close date history of each deal. A push is a change to a later date than the
    one it replaces; the CRM setting a closed deal's close date to its close day moves the
    date earlier (or keeps it) and is not a push. -#}
with

close_date_changes as (

    select
        deal_id,
        change_number,
        cast({{ iso_to_utc_timestamp('property_value') }} as date) as close_date,
        valid_from as changed_at
    from {{ ref('stg_crm__deal_property_history') }}
    where property_name = 'closedate'

),

compared as (

    select
        *,
        lag(close_date) over (partition by deal_id order by change_number) as previous_close_date
    from close_date_changes

),

final as (

    select
        deal_id,
        arg_min(close_date, change_number) as initial_close_date,
        arg_max(close_date, change_number) as current_close_date,
        count(*) filter (where close_date > previous_close_date) as close_date_push_count,
        count(*) - 1 as close_date_change_count
    from compared
    group by deal_id

)

select * from final
