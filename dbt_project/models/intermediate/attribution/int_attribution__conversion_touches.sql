-- Every eligible touch of every conversion, per attribution scope, in order, with the positions of its conversion's
-- milestones and its time_decay weight (the one weight that needs the whole path). The other
-- weights are arithmetic over these positions: int_attribution__touch_weights computes them,
-- and data_driven once the Markov chain built from these paths is solved. This table is the
-- one large materialisation of attribution, so it keeps only what cannot be recomputed cheaply:
-- the conversion is its integer conversion_number (int_attribution__conversions has the rest,
-- conversion_id included), which is also what the windows partition on.
--
-- Eligible (DESIGN §4): a touch of the conversion's contacts (the contact; for a deal its
-- buying group, else its account's contacts), of a counted touch type, strictly before the
-- conversion and no more than `attribution_lookback_days` before it. Order: touched_at, then
-- touchpoint_id (stable tie-break). Each touch counts once per occurrence. A scope is its own
-- set of paths (int_attribution__countable_touches): positions are per scope and conversion.
{%- set lookback_days = attribution_lookback_days() %}
{%- set half_life_days = attribution_half_life_days() %}
{%- set won_stages = attribution_deal_stages(ref('attribution_conversion_stages'))
    | selectattr('canonical_stage', 'equalto', 'customer') | map(attribute='conversion_stage') | list %}

with

conversions as (

    select * from {{ ref('int_attribution__conversions') }}

),

opportunity_contacts as (

    select * from {{ ref('int_attribution__opportunity_contacts') }}

),

touches as (

    select * from {{ ref('int_attribution__countable_touches') }}

),

-- The conversion's columns travel with each of its contacts, so that touches join once. A
-- deal's lead creation is its contacts': the earliest lead_at among them (an account enters a
-- stage when its first contact does).
conversion_contacts as (

    select
        conversion_number,
        conversion_stage,
        converted_at,
        lead_created_at,
        opportunity_created_at,
        contact_key as eligible_contact_key
    from conversions
    where opportunity_key is null

    union all

    select
        conversions.conversion_number,
        conversions.conversion_stage,
        conversions.converted_at,
        min(opportunity_contacts.contact_lead_at)
            over (partition by conversions.conversion_number) as lead_created_at,
        conversions.opportunity_created_at,
        opportunity_contacts.contact_key as eligible_contact_key
    from conversions
    inner join opportunity_contacts
        on conversions.opportunity_key = opportunity_contacts.opportunity_key

),

eligible as (

    select
        touches.attribution_scope,
        conversion_contacts.conversion_number,
        conversion_contacts.conversion_stage,
        conversion_contacts.lead_created_at,
        conversion_contacts.opportunity_created_at,
        touches.touchpoint_id,
        touches.contact_key as touch_contact_key,
        touches.touched_at,
        touches.touch_type,
        touches.channel,
        touches.campaign_key,
        date_diff(
            'microsecond', touches.touched_at, conversion_contacts.converted_at
        ) / 86400000000.0 as age_days
    from conversion_contacts
    inner join touches
        on
            conversion_contacts.eligible_contact_key = touches.contact_key
            and conversion_contacts.converted_at > touches.touched_at
            and touches.touched_at
            >= conversion_contacts.converted_at - interval '{{ lookback_days }} days'

),

-- One window pass per conversion. The touches at or before an anchor time are a prefix of
-- the order (it sorts on touched_at first), so "the last touch at or before the anchor" is
-- position count_if(touched_at <= anchor).
positioned as (

    select
        * exclude (lead_created_at, opportunity_created_at, age_days),
        row_number() over ordered_touches as touch_position,
        count(*) over conversion as touch_count,
        cast(nullif(count_if(touched_at <= lead_created_at) over conversion, 0) as bigint)
            as lead_creation_position,
        cast(nullif(count_if(touched_at <= opportunity_created_at) over conversion, 0) as bigint)
            as opportunity_creation_position,
        lag(channel) over ordered_touches as previous_channel,
        -- 2^(-age / half-life), normalised per conversion.
        pow(2.0, -age_days / {{ half_life_days }}) / sum(
            pow(2.0, -age_days / {{ half_life_days }})
        ) over conversion as time_decay_weight
    from eligible
    window
        conversion as (partition by attribution_scope, conversion_number),
        ordered_touches as (
            partition by attribution_scope, conversion_number order by touched_at, touchpoint_id
        )

),

final as (

    select
        * exclude (time_decay_weight),
        -- The closed-won touch is the last touch before the close: the last eligible touch (of
        -- the won stages: closed_won and expansion_won).
        case
            when conversion_stage in ('{{ won_stages | join("', '") }}') then touch_count
        end as closed_won_position,
        time_decay_weight
    from positioned

)

select * from final
