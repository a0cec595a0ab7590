{#- Pipeline coverage (DESIGN.md §5) per quarter, per rep and in total ('__all__'), as of
    the snapshot date: open pipeline expected to close in the quarter / the quarter's quota.
    Quotas are per rep and quarter (period_start = the quarter's first day), converted to
    USD at the quarter start's rate. A rep with pipeline but no quota has coverage NULL and
    says so in coverage_note; the total divides all open pipeline by all quota and notes
    when part of the pipeline has no quota. -#}
with

deals as (

    select * from {{ ref('int_metrics__pipeline_deals') }}
    where is_open and expected_close_date is not null

),

quotas as (

    select * from {{ ref('fct_quotas') }}

),

fx_rates as (

    select * from {{ ref('fct_fx_rates') }}

),

snapshot as (

    select * from {{ ref('dim_snapshot_date') }}

),

pipeline_by_rep as (

    select
        cast(date_trunc('quarter', expected_close_date) as date) as period_start,
        owner_key,
        count(*) as open_deals,
        sum(amount_usd) as open_pipeline_usd,
        sum(amount_usd * stage_probability) as weighted_pipeline_usd
    from deals
    group by all

),

quota_by_rep as (

    select
        cast(date_trunc('quarter', period_start) as date) as period_start,
        owner_key,
        sum(quota_amount * {{ metrics_usd_rate('fx_rates', 'quotas.currency_code', 'quotas.period_start') }})
            as quota_usd
    from quotas
    group by all

),

by_rep as (

    select
        coalesce(pipeline_by_rep.period_start, quota_by_rep.period_start) as period_start,
        coalesce(pipeline_by_rep.owner_key, quota_by_rep.owner_key) as owner_key,
        coalesce(pipeline_by_rep.open_deals, 0) as open_deals,
        coalesce(pipeline_by_rep.open_pipeline_usd, 0) as open_pipeline_usd,
        coalesce(pipeline_by_rep.weighted_pipeline_usd, 0) as weighted_pipeline_usd,
        quota_by_rep.quota_usd
    from pipeline_by_rep
    full outer join quota_by_rep
        on
            pipeline_by_rep.period_start = quota_by_rep.period_start
            and pipeline_by_rep.owner_key = quota_by_rep.owner_key

),

total as (

    select
        period_start,
        '__all__' as owner_key,
        sum(open_deals) as open_deals,
        sum(open_pipeline_usd) as open_pipeline_usd,
        sum(weighted_pipeline_usd) as weighted_pipeline_usd,
        sum(quota_usd) as quota_usd,
        coalesce(sum(open_pipeline_usd) filter (where quota_usd is null), 0)
            as pipeline_without_quota_usd
    from by_rep
    group by period_start

),

unioned as (

    select
        *,
        case when quota_usd is null then open_pipeline_usd else 0 end as pipeline_without_quota_usd
    from by_rep
    union all
    select * from total

),

final as (

    select
        snapshot.snapshot_date,
        unioned.period_start,
        cast(unioned.period_start + interval 3 month as date) - 1 as period_end,
        unioned.owner_key,
        unioned.open_deals,
        unioned.open_pipeline_usd,
        unioned.weighted_pipeline_usd,
        unioned.quota_usd,
        unioned.pipeline_without_quota_usd,
        {{ metrics_ratio('unioned.open_pipeline_usd', 'unioned.quota_usd') }} as coverage_ratio,
        {{ metrics_ratio('unioned.weighted_pipeline_usd', 'unioned.quota_usd') }}
            as weighted_coverage_ratio,
        case
            when unioned.quota_usd is null then 'no quota'
            when unioned.quota_usd = 0 then 'quota is zero'
            when unioned.pipeline_without_quota_usd > 0 then 'part of the pipeline has no quota'
        end as coverage_note
    from unioned
    cross join snapshot

)

select * from final
