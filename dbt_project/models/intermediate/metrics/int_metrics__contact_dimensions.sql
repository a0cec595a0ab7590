with

contacts as (

    select * from {{ ref('fct_contact_funnel') }}

),

accounts as (

    select * from {{ ref('int_metrics__account_dimensions') }}

),

owner_teams as (

    select * from {{ ref('dim_owner') }}

),

touchpoints as (

    select * from {{ ref('fct_touchpoints') }}

),

first_touch as (

    select
        contact_key,
        arg_min(channel, (touched_at, touchpoint_id)) as first_touch_channel,
        -- The earliest touch that has a campaign (arg_min skips NULL campaigns).
        arg_min(campaign_key, (touched_at, touchpoint_id)) as first_touch_campaign_key
    from touchpoints
    where contact_key is not null
    group by contact_key

),

joined as (

    select
        contacts.contact_key,
        contacts.account_key,
        contacts.owner_key,
        {{ metrics_unknown('owner_teams.primary_team_name') }} as owner_team,
        {{ metrics_unknown('accounts.industry') }} as industry,
        {{ metrics_unknown('accounts.company_size_band') }} as company_size_band,
        {{ metrics_unknown('first_touch.first_touch_channel') }} as first_touch_channel,
        first_touch.first_touch_campaign_key
    from contacts
    left join accounts
        on contacts.account_key = accounts.account_key
    left join owner_teams
        on contacts.owner_key = owner_teams.owner_key
    left join first_touch
        on contacts.contact_key = first_touch.contact_key

)

select * from joined
