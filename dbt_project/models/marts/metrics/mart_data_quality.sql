{#- What the models handled instead of failing (docs/resilience.md §1): per check, source
    and object, how many records were affected, their USD amount when they carry money and
    up to five of the original ids. Every check of the seed metrics_data_quality_checks is a
    row, with 0 affected rows when nothing was odd, so the table's size does not move with
    the data. -#}
with

issues as (

    select * from {{ ref('fct_data_quality_issues') }}

),

checks as (

    select * from {{ ref('metrics_data_quality_checks') }}

),

counted as (

    select
        check_name,
        source,
        object,
        count(*) as affected_rows,
        sum(amount_usd) as amount_usd,
        list(distinct example_id order by example_id) as example_ids
    from issues
    group by check_name, source, object

),

final as (

    select
        coalesce(checks.check_name, counted.check_name) as check_name,
        coalesce(checks.source, counted.source) as source,
        coalesce(checks.object, counted.object) as object,
        cast(coalesce(counted.affected_rows, 0) as bigint) as affected_rows,
        cast(case
            when checks.has_amount then coalesce(counted.amount_usd, 0)
            when checks.check_name is null then counted.amount_usd
        end as double) as affected_amount_usd,
        nullif(array_to_string(list_slice(counted.example_ids, 1, 5), ','), '') as example_ids,
        coalesce(checks.severity, 'warning') as severity
    from checks
    full outer join counted
        on
            checks.check_name = counted.check_name
            and checks.source = counted.source
            and checks.object = counted.object

)

select * from final
