{#- The program_costs input (landing targets/, docs/landing-formats.md "Targets") in core, where the
    metric marts read it (they read core, attribution and metrics only). -#}
with

inputs as (

    select * from {{ ref('int_targets__program_costs') }}

),

final as (

    select * from inputs

)

select * from final
