{{ config(materialized='view') }}
-- Why a deal's pipeline and revenue went where they did: for each opportunity and each of
-- its conversions (opportunity creation, closed-won), every eligible touch in order with its
-- milestones and its weight under every model (seed attribution_models), side by side, in
-- the default attribution scope.
{%- set model_names = attribution_model_names(ref('attribution_models')) %}

with

touch_weights as (

    select * from {{ ref('int_attribution__touch_weights') }}

),

conversions as (

    select * from {{ ref('int_attribution__conversions') }}

),

final as (

    select
        conversions.opportunity_key,
        touch_weights.conversion_stage,
        touch_weights.conversion_id,
        conversions.account_key,
        touch_weights.converted_at,
        cast(touch_weights.conversion_amount_usd as double) as conversion_amount_usd,
        cast(touch_weights.touch_position as bigint) as touch_position,
        cast(touch_weights.touch_count as bigint) as touch_count,
        touch_weights.touchpoint_id,
        touch_weights.touch_contact_key,
        touch_weights.touched_at,
        touch_weights.touch_type,
        touch_weights.channel,
        touch_weights.campaign_key,
        touch_weights.touch_role,
        touch_weights.is_first_touch,
        touch_weights.is_lead_creation_touch,
        touch_weights.is_opportunity_creation_touch,
        touch_weights.is_closed_won_touch,
        touch_weights.is_last_touch,
        {%- for model_name in model_names %}
            touch_weights.{{ model_name }}_weight{% if not loop.last %},{% endif %}
        {%- endfor %}
    from touch_weights
    inner join conversions on touch_weights.conversion_number = conversions.conversion_number
    where
        touch_weights.attribution_scope = 'default'
        and conversions.opportunity_key is not null

)

select * from final
