{#- Every stage pair (k, k+1) of every contact and account, once per slice it belongs to
    (overall plus each dimension), so funnel conversion and velocity slice alike. -#}
{%- set dimension_columns = {
    'channel': 'first_touch_channel',
    'company_size_band': 'company_size_band',
    'industry': 'industry',
    'owner_team': 'owner_team',
} -%}
with

contact_funnel as (

    select * from {{ ref('fct_contact_funnel') }}

),

account_funnel as (

    select * from {{ ref('fct_account_funnel') }}

),

contact_dimensions as (

    select * from {{ ref('metrics_contact_dimensions') }}

),

account_dimensions as (

    select * from {{ ref('metrics_account_dimensions') }}

),

stage_pairs as (

    select 'contact' as level, * from ({{ metrics_stage_pairs('contact_funnel', 'contact_key') }})
    union all
    select 'account' as level, * from ({{ metrics_stage_pairs('account_funnel', 'account_key') }})

),

slices as (

    select 'contact' as level, *
    from ({{ metrics_dimension_rows('contact_dimensions', 'contact_key', dimension_columns) }})
    union all
    select 'account' as level, *
    from ({{ metrics_dimension_rows('account_dimensions', 'account_key', dimension_columns) }})

),

sliced_pairs as (

    select
        slices.dimension,
        slices.dimension_value,
        stage_pairs.*
    from stage_pairs
    inner join slices
        on stage_pairs.level = slices.level
        and stage_pairs.entity_key = slices.entity_key

)

select * from sliced_pairs
