{{ config(materialized='view') }}
-- Every model's weight of every eligible touch in every attribution scope, one column per model, with the touch's
-- milestone flags and role. The marts read this wide form; fct_attribution_credits is its
-- unpivot. A view: the position models (seed attribution_models: their shares) are row-wise
-- arithmetic over the positions stored in int_attribution__conversion_touches (macro
-- attribution_position_weight), cheaper to recompute than to store at tens of millions of rows.
--
-- data_driven: a conversion's credit goes to the channels on its path in proportion to their
-- removal effects in the stage's chain, and a channel's part is split equally across its
-- touches on the path:  weight = removal_effect(c) / touches of c on the path
--                                / sum of removal_effect over the distinct channels on the path.
-- Every channel on a converting path has a positive removal effect; should they all be 0 the
-- conversion falls back to linear, so that weights always sum to 1.

{%- set position_models = attribution_position_models(ref('attribution_models')) %}

with

conversion_touches as (

    select * from {{ ref('int_attribution__conversion_touches') }}

),

conversions as (

    select * from {{ ref('int_attribution__conversions') }}

),

removal_effects as (

    select * from {{ ref('int_attribution__markov_removal_effects') }}

),

-- The eligible-touch table keys conversions by their integer conversion_number; the
-- conversion's id, time and amount come back from int_attribution__conversions.
conversion_paths as (

    select
        conversion_touches.attribution_scope,
        conversions.conversion_id,
        conversion_touches.conversion_stage,
        conversions.converted_at,
        conversions.conversion_amount_usd,
        conversion_touches.conversion_number,
        conversion_touches.touchpoint_id,
        conversion_touches.touch_contact_key,
        conversion_touches.touched_at,
        conversion_touches.touch_type,
        conversion_touches.channel,
        conversion_touches.campaign_key,
        conversion_touches.touch_position,
        conversion_touches.touch_count,
        conversion_touches.lead_creation_position,
        conversion_touches.opportunity_creation_position,
        conversion_touches.previous_channel,
        conversion_touches.closed_won_position,
        conversion_touches.time_decay_weight
    from conversion_touches
    inner join conversions
        on conversion_touches.conversion_number = conversions.conversion_number

),

weighted as (

    select
        conversion_paths.*,
        conversion_paths.touch_position = 1 as is_first_touch,
        coalesce(
            conversion_paths.touch_position = conversion_paths.lead_creation_position,
            false
        ) as is_lead_creation_touch,
        coalesce(
            conversion_paths.touch_position = conversion_paths.opportunity_creation_position,
            false
        ) as is_opportunity_creation_touch,
        coalesce(
            conversion_paths.touch_position = conversion_paths.closed_won_position,
            false
        ) as is_closed_won_touch,
        conversion_paths.touch_position = conversion_paths.touch_count as is_last_touch,
        {%- for model in position_models %}
            {{ attribution_position_weight(model) }} as {{ model.attribution_model }}_weight,
        {%- endfor %}
        coalesce(removal_effects.removal_effect, 0) / count(*) over (
            partition by
                conversion_paths.attribution_scope,
                conversion_paths.conversion_number,
                conversion_paths.channel
        ) as removal_effect_per_touch
    from conversion_paths
    left join removal_effects
        on
            conversion_paths.attribution_scope = removal_effects.attribution_scope
            and conversion_paths.conversion_stage = removal_effects.conversion_stage
            and conversion_paths.channel = removal_effects.channel

),

final as (

    select
        * exclude (removal_effect_per_touch),
        -- One role per touch; a touch holding several milestones takes the earliest in
        -- funnel order (the is_* flags keep all of them).
        case
            when is_first_touch then 'first'
            when is_lead_creation_touch then 'lead_creation'
            when is_opportunity_creation_touch then 'opportunity_creation'
            when is_closed_won_touch then 'closed_won'
            when is_last_touch then 'last'
            else 'middle'
        end as touch_role,
        coalesce(
            removal_effect_per_touch
            / nullif(
                sum(removal_effect_per_touch)
                    over (partition by attribution_scope, conversion_number),
                0
            ),
            1.0 / touch_count
        ) as data_driven_weight
    from weighted

)

select * from final
