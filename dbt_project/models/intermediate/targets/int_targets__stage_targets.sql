{#- The company's funnel-stage targets as entered (targets/funnel_targets*.csv, metrics
    other than revenue), named by the canonical stage they count: the number of contacts
    that should enter the stage in the period (visitor: new visitor ids), for the whole
    company or a segment, and per team or rep where the file names them ('(all)' where not). -#}
with

targets as (

    select * from {{ ref('stg_targets__funnel_targets') }}
    where metric != 'revenue'

),

final as (

    select
        period_start,
        period_grain,
        case metric
            when 'visitors' then 'visitor'
            when 'leads' then 'lead'
            when 'mqls' then 'mql'
            when 'sqls' then 'sql'
            when 'opportunities' then 'opportunity'
            when 'customers' then 'customer'
        end as stage,
        coalesce(segment, '(company)') as segment,
        coalesce(team, '(all)') as team,
        coalesce(owner_email, '(all)') as owner_email,
        sum(cast(target_value as double)) as target_count
    from targets
    group by all

)

select * from final
