-- Won revenue and pipeline = attributed + unattributed, to the cent, per stage, month and
-- model (macro attribution_reconciliation_sql), in
-- the marketing-only scope: the default scope without the sales touch types (var
-- attribution_sales_touch_types: calls and meetings logged by reps; docs/attribution.md).
{{ attribution_reconciliation_sql(
    'marketing',
    ref('fct_opportunities'),
    ref('int_attribution__conversions'),
    ref('int_attribution__conversion_touches'),
    ref('attribution_models'),
    ref('mart_channel_attribution_marketing'),
    ref('attribution_conversion_stages')
) }}
