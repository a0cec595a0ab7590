-- Won revenue and pipeline = attributed + unattributed, to the cent, per stage, month and
-- model (macro attribution_reconciliation_sql), in
-- the default scope: every touch type of var attribution_touch_types and channel of var
-- attribution_channels (docs/attribution.md, Scope).
{{ attribution_reconciliation_sql(
    'default',
    ref('fct_opportunities'),
    ref('int_attribution__conversions'),
    ref('int_attribution__conversion_touches'),
    ref('attribution_models'),
    ref('mart_channel_attribution'),
    ref('attribution_conversion_stages')
) }}
