{#- Ad spend per platform, ad account, campaign and day, never double counted
    (docs/real-inputs.md §3). Per campaign-day it adds up the rows of exactly one grain
    family (the names in `grain`): families without a breakdown first, then the finest
    level (ad/creative > ad group/ad set > campaign), then by name. Account-level rows
    (campaign '') count only on days their account has no campaign rows. -#}
with

spend as (

    select * from {{ ref('int_ad_spend__unioned') }}

),

families as (

    select
        *,
        list_transform(string_split(grain, '|'), pair -> split_part(pair, '=', 1)) as grain_names
    from spend

),

classified as (

    select
        *,
        array_to_string(grain_names, '|') as grain_family,
        case
            when list_has_any(grain_names, ['ad', 'creative']) then 3
            when list_has_any(grain_names, ['ad_group', 'adset']) then 2
            when campaign_id = '' then 0
            else 1
        end as grain_level,
        len(list_filter(
            grain_names, name -> name not in ('', 'ad', 'creative', 'ad_group', 'adset')
        )) > 0 as has_breakdown
    from families

),

ranked as (

    select
        *,
        dense_rank() over (
            partition by platform, ad_account_id, campaign_id, date_day
            order by has_breakdown asc, grain_level desc, grain_family asc
        ) as family_rank
    from classified

),

chosen as (

    select * from ranked
    where family_rank = 1

),

campaign_account_days as (

    select distinct
        platform,
        ad_account_id,
        date_day
    from chosen
    where campaign_id != ''

),

-- An account-level row holds the spend its campaign rows hold: used only without them.
kept as (

    select chosen.*
    from chosen
    left join campaign_account_days
        on
            chosen.platform = campaign_account_days.platform
            and chosen.ad_account_id is not distinct from campaign_account_days.ad_account_id
            and chosen.date_day = campaign_account_days.date_day
    where chosen.campaign_id != '' or campaign_account_days.platform is null

),

final as (

    select
        platform,
        ad_account_id,
        campaign_id,
        date_day,
        currency_code,
        grain_family,
        max(campaign_name) as campaign_name,
        cast(sum(impressions) as bigint) as impressions,
        cast(sum(clicks) as bigint) as clicks,
        cast(sum(spend) as decimal(18, 6)) as spend,
        count(*) as report_rows
    from kept
    group by platform, ad_account_id, campaign_id, date_day, currency_code, grain_family

)

select * from final
