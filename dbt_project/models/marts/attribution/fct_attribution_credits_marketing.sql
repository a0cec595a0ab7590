{{ config(materialized='view') }}
-- Every attribution credit, conversion x eligible touch x model -> weight (macro
-- attribution_credits_sql), in
-- the marketing-only scope: the default scope without the sales touch types (var
-- attribution_sales_touch_types: calls and meetings logged by reps; docs/attribution.md).
{{ attribution_credits_sql(
    'marketing',
    ref('int_attribution__conversions'),
    ref('int_attribution__touch_weights'),
    ref('attribution_models')
) }}
