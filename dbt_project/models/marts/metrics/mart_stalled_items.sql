{#- Stalled leads and deals (docs/metrics/stalled.md): every open item at the as-of time
    (int_metrics__stalled_open_items) with its owner, days in the current stage, the stage's
    norm (mart_stage_norms: median and p75 of completed stays, same pipeline for deals) and
    the stalled flag (macro stalled_flag: days in stage > p75 × var stalled_norm_multiplier
    and >= var stalled_min_days), with the latest sales activity. -#}
with

items as (

    select * from {{ ref('int_metrics__stalled_open_items') }}

),

norms as (

    select * from {{ ref('mart_stage_norms') }}

),

owners as (

    select * from {{ ref('dim_owner') }}

),

accounts as (

    select * from {{ ref('dim_account') }}

),

final as (

    select
        items.item_type,
        items.item_id,
        items.contact_key,
        items.opportunity_key,
        items.owner_key,
        coalesce(owners.full_name, '(unknown)') as owner_name,
        {{ sales_slice_value('owners.primary_team_name') }} as owner_team,
        items.account_key,
        coalesce(accounts.account_name, '(unknown)') as account_name,
        items.pipeline_id,
        items.stage,
        norms.stage_order,
        norms.snapshot_date,
        items.entered_at,
        cast(items.days_in_stage as double) as days_in_stage,
        norms.completed_stays as norm_completed_stays,
        norms.median_stay_days as norm_median_days,
        norms.p75_stay_days as norm_p75_days,
        {{ stalled_flag('items.days_in_stage', 'norms.p75_stay_days') }} as is_stalled,
        items.last_activity_at,
        items.last_activity_type,
        cast(items.days_since_last_activity as double) as days_since_last_activity,
        items.amount_usd
    from items
    inner join norms
        on
            items.item_type = norms.item_type
            and items.pipeline_id = norms.pipeline_id
            and items.stage = norms.stage
    left join owners
        on items.owner_key = owners.owner_key
    left join accounts
        on items.account_key = accounts.account_key

)

select * from final
