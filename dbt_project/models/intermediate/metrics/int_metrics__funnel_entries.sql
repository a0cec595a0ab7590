{#- Every first entry into a canonical stage (seed canonical_stages; skipped stages filled,
    DESIGN.md §3), with the entry into the next stage, and the slices, at two levels:
    contact (the visitor stage by visitor id, int_metrics__funnel_visitors; lead onwards by
    contact, fct_contact_funnel) and account (fct_account_funnel). The rows every funnel
    mart (cohorts, stage entries, period ratios, velocity) aggregates. -#}
with

contact_funnel as (

    select * from {{ ref('fct_contact_funnel') }}

),

account_funnel as (

    select * from {{ ref('fct_account_funnel') }}

),

visitors as (

    select * from {{ ref('int_metrics__funnel_visitors') }}

),

accounts as (

    select * from {{ ref('dim_account') }}

),

owners as (

    select * from {{ ref('dim_owner') }}

),

touchpoints as (

    select * from {{ ref('fct_touchpoints') }}

),

canonical_stages as (

    select * from {{ ref('canonical_stages') }}

),

contact_first_touch as (

    select
        contact_key,
        arg_min(channel, (touched_at, touchpoint_id)) as first_touch_channel
    from touchpoints
    where contact_key is not null
    group by contact_key

),

account_first_touch as (

    select
        account_key,
        arg_min(channel, (touched_at, touchpoint_id)) as first_touch_channel
    from touchpoints
    where account_key is not null
    group by account_key

),

contact_slices as (

    select
        contact_funnel.contact_key as entity_key,
        {{ metrics_funnel_slice('contact_first_touch.first_touch_channel') }} as first_touch_channel,
        {{ metrics_funnel_slice('accounts.size_band') }} as company_size_band,
        {{ metrics_funnel_slice('accounts.industry') }} as industry,
        {{ metrics_funnel_slice('owners.primary_team_name') }} as owner_team
    from contact_funnel
    left join accounts
        on contact_funnel.account_key = accounts.account_key
    left join owners
        on contact_funnel.owner_key = owners.owner_key
    left join contact_first_touch
        on contact_funnel.contact_key = contact_first_touch.contact_key

),

account_slices as (

    select
        account_funnel.account_key as entity_key,
        {{ metrics_funnel_slice('account_first_touch.first_touch_channel') }} as first_touch_channel,
        {{ metrics_funnel_slice('accounts.size_band') }} as company_size_band,
        {{ metrics_funnel_slice('accounts.industry') }} as industry,
        {{ metrics_funnel_slice('owners.primary_team_name') }} as owner_team
    from account_funnel
    left join accounts
        on account_funnel.account_key = accounts.account_key
    left join owners
        on coalesce(account_funnel.owner_key, accounts.owner_key) = owners.owner_key
    left join account_first_touch
        on account_funnel.account_key = account_first_touch.account_key

),

contact_stages as (

    {{ metrics_funnel_stage_rows('contact_funnel', 'contact_key', 'canonical_stages') }}

),

account_stages as (

    {{ metrics_funnel_stage_rows('account_funnel', 'account_key', 'canonical_stages') }}

),

visitor_stage as (

    select
        'contact' as level,
        'visitor_id' as entity_type,
        visitors.anonymous_id as entity_key,
        canonical_stages.stage,
        canonical_stages.stage_order,
        'lead' as next_stage,
        visitors.first_seen_at as entered_at,
        false as is_inferred,
        visitors.lead_at as next_stage_entered_at,
        visitors.lead_is_inferred as next_stage_is_inferred,
        visitors.first_touch_channel,
        visitors.company_size_band,
        visitors.industry,
        visitors.owner_team
    from visitors
    inner join canonical_stages
        on canonical_stages.stage = 'visitor'

),

final as (

    select * from visitor_stage
    union all
    select
        'contact' as level,
        'contact' as entity_type,
        stage_rows.entity_key,
        stage_rows.stage,
        stage_rows.stage_order,
        stage_rows.next_stage,
        stage_rows.entered_at,
        stage_rows.is_inferred,
        stage_rows.next_stage_entered_at,
        stage_rows.next_stage_is_inferred,
        slices.first_touch_channel,
        slices.company_size_band,
        slices.industry,
        slices.owner_team
    from contact_stages as stage_rows
    inner join contact_slices as slices
        on stage_rows.entity_key = slices.entity_key
    where stage_rows.stage != 'visitor'
    union all
    select
        'account' as level,
        'account' as entity_type,
        stage_rows.entity_key,
        stage_rows.stage,
        stage_rows.stage_order,
        stage_rows.next_stage,
        stage_rows.entered_at,
        stage_rows.is_inferred,
        stage_rows.next_stage_entered_at,
        stage_rows.next_stage_is_inferred,
        slices.first_touch_channel,
        slices.company_size_band,
        slices.industry,
        slices.owner_team
    from account_stages as stage_rows
    inner join account_slices as slices
        on stage_rows.entity_key = slices.entity_key

)

select * from final
