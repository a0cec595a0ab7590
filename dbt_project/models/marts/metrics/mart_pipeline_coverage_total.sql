{#- Pipeline coverage of the whole sales team per quarter, as of the snapshot date: the sum
    of the reps' open pipeline / the sum of their quotas (a ratio of sums; the per-rep
    ratios of mart_pipeline_coverage do not average to it). Pipeline of reps without a
    quota is in the numerator and shown in pipeline_without_quota_usd. -#}
with

by_rep as (

    select * from {{ ref('mart_pipeline_coverage') }}

),

totals as (

    select
        quarter_start,
        min(quarter_end) as quarter_end,
        min(snapshot_date) as snapshot_date,
        {{ sales_count('sum(open_deals)') }} as open_deals,
        cast(sum(open_pipeline_usd) as decimal(18, 2)) as open_pipeline_usd,
        cast(sum(weighted_pipeline_usd) as double) as weighted_pipeline_usd,
        cast(sum(quota_usd) as decimal(18, 2)) as quota_usd,
        cast(sum(pipeline_without_quota_usd) as decimal(18, 2)) as pipeline_without_quota_usd,
        {{ sales_count('count(*) filter (where quota_usd is not null)') }} as reps_with_quota
    from by_rep
    group by quarter_start

),

final as (

    select
        *,
        {{ metrics_ratio('open_pipeline_usd', 'quota_usd') }} as coverage_ratio,
        {{ metrics_ratio('weighted_pipeline_usd', 'quota_usd') }} as weighted_coverage_ratio,
        case
            when quota_usd is null then 'no quota'
            when quota_usd = 0 then 'quota is zero'
            when pipeline_without_quota_usd > 0 then 'part of the pipeline has no quota'
        end as coverage_note
    from totals

)

select * from final
