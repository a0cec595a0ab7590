{#- Pipeline coverage (DESIGN.md §5) per quarter, rep and pipeline, as of the snapshot
    date: open pipeline expected to close in the quarter / the rep's quota for it. Quotas
    are per rep and quarter (fct_quotas has no pipeline), converted to USD at the quarter
    start's rate, and cover ALL the rep's pipelines (a bookings quota): coverage_ratio is
    the rep's open pipeline over all pipelines / quota (the same on each of the rep's
    pipeline rows), pipeline_coverage_ratio this pipeline's part of it (the parts add up
    to coverage_ratio). Every pipeline has a row for each rep with pipeline or a quota in
    the quarter. A rep with pipeline but no quota has coverage NULL and says so in
    coverage_note. The quarter's total (a ratio of sums) is mart_pipeline_coverage_total. -#}
with

deals as (

    select * from {{ ref('int_metrics__pipeline_deals') }}
    where is_open and expected_close_date is not null

),

all_deals as (

    select * from {{ ref('int_metrics__pipeline_deals') }}

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

pipelines as (

    select distinct pipeline_name
    from all_deals

),

pipeline_by_rep as (

    select
        cast(date_trunc('quarter', expected_close_date) as date) as period_start,
        owner_key,
        pipeline_name,
        {{ sales_count_if() }} as open_deals,
        {{ sales_usd_sum('amount_usd') }} as open_pipeline_usd,
        cast(coalesce(sum(amount_usd * stage_probability), 0) as double) as weighted_pipeline_usd
    from deals
    group by all

),

quota_by_rep as (

    select
        cast(date_trunc('quarter', period_start) as date) as period_start,
        owner_key,
        cast(round(sum(
            quota_amount * {{ metrics_usd_rate('fx_rates', 'quotas.currency_code', 'quotas.period_start') }}
        ), 2) as decimal(18, 2)) as quota_usd
    from quotas
    group by all

),

rep_quarters as (

    select
        period_start,
        owner_key
    from pipeline_by_rep
    union
    select
        period_start,
        owner_key
    from quota_by_rep

),

by_rep as (

    select
        rep_quarters.period_start,
        rep_quarters.owner_key,
        pipelines.pipeline_name,
        coalesce(pipeline_by_rep.open_deals, 0) as open_deals,
        coalesce(pipeline_by_rep.open_pipeline_usd, 0) as open_pipeline_usd,
        coalesce(pipeline_by_rep.weighted_pipeline_usd, 0) as weighted_pipeline_usd,
        quota_by_rep.quota_usd
    from rep_quarters
    cross join pipelines
    left join pipeline_by_rep
        on
            rep_quarters.period_start = pipeline_by_rep.period_start
            and rep_quarters.owner_key = pipeline_by_rep.owner_key
            and pipelines.pipeline_name = pipeline_by_rep.pipeline_name
    left join quota_by_rep
        on
            rep_quarters.period_start = quota_by_rep.period_start
            and rep_quarters.owner_key = quota_by_rep.owner_key

),

with_rep_totals as (

    select
        *,
        cast(sum(open_pipeline_usd) over (partition by period_start, owner_key) as decimal(18, 2))
            as rep_open_pipeline_usd,
        cast(sum(weighted_pipeline_usd) over (partition by period_start, owner_key) as double)
            as rep_weighted_pipeline_usd,
        case when quota_usd is null then open_pipeline_usd else 0 end as pipeline_without_quota_usd
    from by_rep

),

final as (

    select
        with_rep_totals.period_start as quarter_start,
        cast(with_rep_totals.period_start + interval 3 month as date) - 1 as quarter_end,
        snapshot.snapshot_date,
        with_rep_totals.owner_key,
        with_rep_totals.pipeline_name,
        with_rep_totals.open_deals,
        with_rep_totals.open_pipeline_usd,
        with_rep_totals.weighted_pipeline_usd,
        with_rep_totals.quota_usd,
        -- One row per rep and quarter carries the quota once (for sums over pipelines).
        row_number() over (
            partition by with_rep_totals.period_start, with_rep_totals.owner_key
            order by with_rep_totals.pipeline_name
        ) = 1 as is_rep_quota_row,
        with_rep_totals.pipeline_without_quota_usd,
        with_rep_totals.rep_open_pipeline_usd,
        {{ metrics_ratio('with_rep_totals.rep_open_pipeline_usd', 'with_rep_totals.quota_usd') }}
            as coverage_ratio,
        {{ metrics_ratio('with_rep_totals.rep_weighted_pipeline_usd', 'with_rep_totals.quota_usd') }}
            as weighted_coverage_ratio,
        {{ metrics_ratio('with_rep_totals.open_pipeline_usd', 'with_rep_totals.quota_usd') }}
            as pipeline_coverage_ratio,
        case
            when with_rep_totals.quota_usd is null then 'no quota'
            when with_rep_totals.quota_usd = 0 then 'quota is zero'
        end as coverage_note
    from with_rep_totals
    cross join snapshot

)

select * from final
