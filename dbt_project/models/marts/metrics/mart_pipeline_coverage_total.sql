{#- Pipeline coverage of the whole sales team per quarter and pipeline, as of the snapshot
    date. Quotas cover all pipelines (mart_pipeline_coverage): coverage_ratio = the team's
    open pipeline over all pipelines / the sum of the reps' quotas (a ratio of sums; the
    per-rep ratios do not average to it), the same on each pipeline row of the quarter;
    pipeline_coverage_ratio = this pipeline's open pipeline / the same quota (the parts add
    up to coverage_ratio). Pipeline of reps without a quota is in the numerator and shown
    in pipeline_without_quota_usd. -#}
with

by_rep as (

    select * from {{ ref('mart_pipeline_coverage') }}

),

-- mart_pipeline_coverage has one row per rep and pipeline, so each rep's quota is summed
-- once per pipeline row here.
totals as (

    select
        quarter_start,
        pipeline_name,
        min(quarter_end) as quarter_end,
        min(snapshot_date) as snapshot_date,
        {{ sales_count('sum(open_deals)') }} as open_deals,
        cast(sum(open_pipeline_usd) as decimal(18, 2)) as open_pipeline_usd,
        cast(sum(weighted_pipeline_usd) as double) as weighted_pipeline_usd,
        cast(sum(quota_usd) as decimal(18, 2)) as quota_usd,
        cast(sum(pipeline_without_quota_usd) as decimal(18, 2)) as pipeline_without_quota_usd,
        {{ sales_count('count(*) filter (where quota_usd is not null)') }} as reps_with_quota
    from by_rep
    group by quarter_start, pipeline_name

),

with_team as (

    select
        *,
        cast(sum(open_pipeline_usd) over (partition by quarter_start) as decimal(18, 2))
            as team_open_pipeline_usd,
        sum(weighted_pipeline_usd) over (partition by quarter_start) as team_weighted_pipeline_usd,
        sum(pipeline_without_quota_usd) over (partition by quarter_start)
            as team_pipeline_without_quota_usd
    from totals

),

final as (

    select
        quarter_start,
        pipeline_name,
        quarter_end,
        snapshot_date,
        open_deals,
        open_pipeline_usd,
        weighted_pipeline_usd,
        quota_usd,
        pipeline_without_quota_usd,
        reps_with_quota,
        team_open_pipeline_usd,
        {{ metrics_ratio('team_open_pipeline_usd', 'quota_usd') }} as coverage_ratio,
        {{ metrics_ratio('team_weighted_pipeline_usd', 'quota_usd') }} as weighted_coverage_ratio,
        {{ metrics_ratio('open_pipeline_usd', 'quota_usd') }} as pipeline_coverage_ratio,
        case
            when quota_usd is null then 'no quota'
            when quota_usd = 0 then 'quota is zero'
            when team_pipeline_without_quota_usd > 0 then 'part of the pipeline has no quota'
        end as coverage_note
    from with_team

)

select * from final
