{#- The revenue_targets input (landing targets/, docs/landing-formats.md "Targets") in core, where the
    metric marts read it (they read core, attribution and metrics only). -#}
with

inputs as (

    select * from {{ ref('int_targets__revenue_targets') }}

),

final as (

    select * from inputs

)

select * from final
