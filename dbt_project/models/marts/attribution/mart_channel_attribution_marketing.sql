-- Credited conversions, revenue / pipeline, spend and ROAS per month, channel, campaign, model
-- and stage (macro attribution_channel_mart_sql), in
-- the marketing-only scope: the default scope without the sales touch types (var
-- attribution_sales_touch_types: calls and meetings logged by reps; docs/attribution.md).
{{ attribution_channel_mart_sql(
    'marketing',
    ref('int_attribution__touch_weights'),
    ref('int_attribution__countable_touches'),
    ref('fct_ad_spend_daily'),
    ref('attribution_models'),
    ref('attribution_conversion_stages')
) }}
