{{ config(materialized='view') }}
-- Why a deal's pipeline and revenue went where they did: for each opportunity and each of
-- its conversions (opportunity creation, closed-won), every eligible touch in order with its
-- milestones and its weight under every model, side by side.

select
    conversions.opportunity_key,
    touch_weights.conversion_stage,
    touch_weights.conversion_id,
    conversions.account_key,
    touch_weights.converted_at,
    touch_weights.conversion_amount_usd,
    touch_position,
    touch_count,
    touchpoint_id,
    touch_contact_key,
    touched_at,
    touch_type,
    channel,
    campaign_key,
    touch_role,
    is_first_touch,
    is_lead_creation_touch,
    is_opportunity_creation_touch,
    is_closed_won_touch,
    is_last_touch,
    {%- for model_name in attribution_models() %}
        {{ model_name }}_weight{% if not loop.last %},{% endif %}
    {%- endfor %}
from {{ ref('int_attribution__touch_weights') }} as touch_weights
inner join {{ ref('int_attribution__conversions') }} as conversions
    on touch_weights.conversion_number = conversions.conversion_number
where conversions.opportunity_key is not null
