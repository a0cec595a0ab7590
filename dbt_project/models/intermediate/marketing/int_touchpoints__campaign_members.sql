{#- CRM campaign responses as touches (docs/salesforce.md §4): one touch per campaign member
    that responded (a webinar attended, an event visited, a syndicated asset downloaded), on
    the resolved person, at the response. The campaign's type is the touch's medium, so the
    seed channel_grouping decides its channel; the campaign is the touch's campaign. -#}
with

members as (

    select * from {{ ref('stg_crm__campaign_members') }}
    where not is_archived

),

resolved as (

    select * from {{ ref('int_contacts__resolved') }}

),

final as (

    select
        members.source_system,
        members.campaign_member_id as natural_key,
        'campaign_response' as touch_type,
        members.responded_at as touched_at,
        resolved.contact_key,
        cast(null as varchar) as anonymous_id,
        cast(null as varchar) as session_id,
        false as is_before_identification,
        cast(null as varchar) as click_id_type,
        members.source_system as utm_source,
        lower(members.campaign_type) as utm_medium,
        members.campaign_name as utm_campaign,
        cast(null as varchar) as referrer_domain,
        cast(null as varchar) as landing_page_path,
        cast(null as varchar) as form_type,
        {{ campaign_key('members.source_system', 'members.campaign_id') }} as campaign_key,
        cast(null as varchar) as activity_id
    from members
    inner join resolved
        on members.contact_id = resolved.hubspot_contact_id

)

select * from final
