{#- The goals input (landing targets/funnel_targets*.csv, int_targets__goals) in core, where the
    goal attainment marts read it (metrics read core, attribution and metrics only). -#}
with

inputs as (

    select * from {{ ref('int_targets__goals') }}

),

final as (

    select * from inputs

)

select * from final
