with

rules as (

    select * from {{ ref('channel_grouping') }}

),

final as (

    select
        channel,
        min(priority) as first_rule_priority,
        count(*) as rule_count
    from rules
    group by channel

)

select * from final
