{#- Campaign responses, a touch source (docs/salesforce.md §4): one row per CampaignMember
    that responded (HasResponded), with its campaign's name and type (seed channel_grouping
    maps the type to a channel). The person is the member's Contact, else its Lead, or the
    Contact that Lead was converted into. Responded at FirstRespondedDate (a date: midnight
    UTC), else when the member was created. -#}
with

members as (

    select * from {{ ref('base_salesforce__campaign_member') }}
    where has_responded

),

campaigns as (

    select * from {{ ref('base_salesforce__campaign') }}

),

leads as (

    select * from {{ ref('base_salesforce__lead') }}

),

contacts as (

    select * from {{ ref('base_salesforce__contact') }}

),

converted_leads as (

    {{ salesforce_converted_leads('leads', 'contacts') }}

),

renamed as (

    select
        'salesforce' as source_system,

        ---------- ids
        members.id as campaign_member_id,
        members.campaign_id,
        coalesce(members.contact_id, converted_leads.person_id, members.lead_id) as contact_id,
        members.lead_id,

        ---------- strings
        campaigns.name as campaign_name,
        campaigns.type as campaign_type,
        members.status as member_status,

        ---------- booleans
        coalesce(members.is_deleted, false) as is_archived,

        ---------- timestamps
        coalesce(cast(members.first_responded_date as timestamp), members.created_date)
            as responded_at,
        members.created_date as created_at,
        members.last_modified_date as updated_at,

        ---------- lineage
        members._source,
        members._batch_id,
        members._loaded_at,
        members._file
    from members
    left join campaigns
        on members.campaign_id = campaigns.id
    left join converted_leads
        on members.lead_id = converted_leads.id

)

select * from renamed
