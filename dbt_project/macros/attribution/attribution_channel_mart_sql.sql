{#- sqlfluff renders the untaken branches of these macros as whitespace-only variants and
    misreads their indentation: LT02 is off for this file. -#}
-- noqa: disable=LT02
{#- mart_channel_attribution of one attribution scope: credited conversions, revenue / pipeline
    and ad spend per month, channel, campaign, model and conversion stage (the ROAS question).
    Credits fall in the conversion's month, spend in the month it was spent. Spend is a
    campaign-month fact placed on one channel per campaign (the channel most of its touches
    carry) and repeated on every model and stage row: sum it within ONE model and ONE stage.
    Campaign-months with spend and no credit still appear (credit 0). -#}
{% macro attribution_channel_mart_sql(
    scope,
    touch_weights,
    countable_touches,
    ad_spend,
    attribution_models,
    conversion_stages
) -%}
{%- set model_names = attribution_model_names(attribution_models) %}

with

touch_weights as (

    select * from {{ touch_weights }}
    where attribution_scope = '{{ scope }}'

),

-- Spend sits on the same channel in every scope: the default scope's touches place it.
countable_touches as (

    select * from {{ countable_touches }}
    where attribution_scope = 'default'

),

spend_daily as (

    select * from {{ ad_spend }}

),

attribution_models as (

    select attribution_model from {{ attribution_models }}

),

conversion_stages as (

    select conversion_stage from {{ conversion_stages }}

),

-- The stages a deal converts at: their credits carry an amount (pipeline or revenue).
deal_stages as (

    select conversion_stage from {{ conversion_stages }}
    where converting_record = 'opportunity'

),

campaign_touches as (

    select
        campaign_key,
        channel,
        count(*) as touches
    from countable_touches
    where campaign_key is not null
    group by campaign_key, channel

),

campaign_channels as (

    select
        campaign_key,
        channel
    from campaign_touches
    qualify row_number() over (
        partition by campaign_key order by touches desc, channel asc
    ) = 1

),

credits_wide as (

    select
        cast(date_trunc('month', converted_at) as date) as month_start,
        channel,
        campaign_key,
        conversion_stage,
        {%- for model_name in model_names %}
            sum({{ model_name }}_weight) as {{ model_name }}__conversions,
            sum({{ model_name }}_weight * conversion_amount_usd) as {{ model_name }}__amount
            {%- if not loop.last %},{% endif %}
        {%- endfor %}
    from touch_weights
    group by month_start, channel, campaign_key, conversion_stage

),

credits as (

    select *
    from credits_wide
    unpivot include nulls (
        (credited_conversions, credited_amount_usd) for attribution_model in (
            {%- for model_name in model_names %}
                ({{ model_name }}__conversions, {{ model_name }}__amount) as {{ model_name }}
                {%- if not loop.last %},{% endif %}
            {%- endfor %}
        )
    )

),

spend_days as (

    select
        cast(date_trunc('month', spend_daily.date_day) as date) as month_start,
        coalesce(campaign_channels.channel, '(no touches)') as channel,
        spend_daily.campaign_key,
        spend_daily.spend_usd
    from spend_daily
    left join campaign_channels on spend_daily.campaign_key = campaign_channels.campaign_key
    where spend_daily.campaign_key is not null

),

spend as (

    select
        month_start,
        channel,
        campaign_key,
        cast(sum(spend_usd) as double) as spend_usd
    from spend_days
    group by month_start, channel, campaign_key

),

-- Every model and stage gets the spend rows: spend is read within one model and one stage.
model_stages as (

    select
        attribution_models.attribution_model,
        conversion_stages.conversion_stage
    from attribution_models
    cross join conversion_stages

),

spend_rows as (

    select
        spend.*,
        model_stages.attribution_model,
        model_stages.conversion_stage
    from spend
    cross join model_stages

),

joined as (

    select
        coalesce(credits.month_start, spend_rows.month_start) as month_start,
        coalesce(credits.channel, spend_rows.channel) as channel,
        coalesce(credits.campaign_key, spend_rows.campaign_key) as campaign_key,
        coalesce(credits.attribution_model, spend_rows.attribution_model) as attribution_model,
        coalesce(credits.conversion_stage, spend_rows.conversion_stage) as conversion_stage,
        cast(coalesce(credits.credited_conversions, 0) as double) as credited_conversions,
        case
            when
                coalesce(credits.conversion_stage, spend_rows.conversion_stage)
                in (select deal_stages.conversion_stage from deal_stages)
                then cast(coalesce(credits.credited_amount_usd, 0) as double)
        end as credited_amount_usd,
        spend_rows.spend_usd
    from credits
    full outer join spend_rows
        on
            credits.month_start = spend_rows.month_start
            and credits.channel = spend_rows.channel
            and credits.campaign_key = spend_rows.campaign_key
            and credits.attribution_model = spend_rows.attribution_model
            and credits.conversion_stage = spend_rows.conversion_stage

),

final as (

    select
        md5(concat_ws(
            '|', month_start, channel, coalesce(campaign_key, '(none)'),
            attribution_model, conversion_stage
        )) as channel_attribution_id,
        month_start,
        channel,
        -- A slice is never NULL (docs/bi-contract.md): touches without a campaign are '(none)'.
        coalesce(campaign_key, '(none)') as campaign_key,
        attribution_model,
        conversion_stage,
        credited_conversions,
        -- closed_won: credited revenue; opportunity: credited pipeline; NULL for contact stages.
        credited_amount_usd,
        spend_usd,
        credited_amount_usd / nullif(spend_usd, 0) as roas,
        -- Below a thousandth of a conversion (time decay gives far older touches weights
        -- near 1e-12) the ratio says nothing and is NULL, as for no conversion at all.
        case
            when credited_conversions >= 0.001 then spend_usd / credited_conversions
        end as cost_per_credited_conversion_usd
    from joined

)

select * from final
{%- endmacro %}
