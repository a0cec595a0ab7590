{{ config(materialized='view') }}
-- Every attribution credit, conversion x eligible touch x model -> weight (macro
-- attribution_credits_sql), in
-- the default scope: every touch type of var attribution_touch_types and channel of var
-- attribution_channels (docs/attribution.md, Scope).
{{ attribution_credits_sql(
    'default',
    ref('int_attribution__conversions'),
    ref('int_attribution__touch_weights'),
    ref('attribution_models')
) }}
