{#- Pipeline coverage (DESIGN.md §5) per quarter and rep, as of the snapshot date: open
    pipeline expected to close in the quarter / the rep's quota for it. Quotas are per rep
    and quarter, converted to USD at the quarter start's rate. A rep with pipeline but no
    quota has coverage NULL and says so in coverage_note. The quarter's total (a ratio of
    sums, not a sum of ratios) is mart_pipeline_coverage_total. -#}
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

with_gap as (

    select
        *,
        case when quota_usd is null then open_pipeline_usd else 0 end as pipeline_without_quota_usd
    from by_rep

),

final as (

    select
        with_gap.period_start as quarter_start,
        cast(with_gap.period_start + interval 3 month as date) - 1 as quarter_end,
        snapshot.snapshot_date,
        with_gap.owner_key,
        with_gap.open_deals,
        with_gap.open_pipeline_usd,
        with_gap.weighted_pipeline_usd,
        with_gap.quota_usd,
        with_gap.pipeline_without_quota_usd,
        {{ metrics_ratio('with_gap.open_pipeline_usd', 'with_gap.quota_usd') }} as coverage_ratio,
        {{ metrics_ratio('with_gap.weighted_pipeline_usd', 'with_gap.quota_usd') }}
            as weighted_coverage_ratio,
        case
            when with_gap.quota_usd is null then 'no quota'
            when with_gap.quota_usd = 0 then 'quota is zero'
        end as coverage_note
    from with_gap
    cross join snapshot

)

select * from final
