-- Credited conversions, revenue / pipeline, spend and ROAS per month, channel, campaign, model
-- and stage (macro attribution_channel_mart_sql), in
-- the default scope: every touch type of var attribution_touch_types and channel of var
-- attribution_channels (docs/attribution.md, Scope).
{{ attribution_channel_mart_sql(
    'default',
    ref('int_attribution__touch_weights'),
    ref('int_attribution__countable_touches'),
    ref('fct_ad_spend_daily'),
    ref('attribution_models'),
    ref('attribution_conversion_stages')
) }}
