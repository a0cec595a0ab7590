{#- Campaigns the platforms themselves know: ad campaigns, SendGrid single sends and the
    nurture programs they belong to (category `nurture-<program>`), and CRM campaigns
    (Salesforce: webinars, events, content syndication). Ad campaigns with spend that the
    platform does not list are here too, flagged is_unknown_member. -#}
with

ad_campaigns as (

    select
        campaign_key,
        platform,
        'ad_campaign' as campaign_type,
        campaign_id,
        campaign_name,
        ad_account_id,
        currency_code,
        cast(null as varchar) as nurture_program,
        cast(null as varchar) as parent_campaign_key,
        is_unknown_member
    from {{ ref('int_ad_campaigns') }}

),

single_sends as (

    select
        singlesend_id,
        singlesend_name,
        -- The program is the category after `nurture-`; newsletters have none.
        list_filter(categories, lambda category: category like 'nurture-%') as program_categories
    from {{ ref('stg_sendgrid__singlesends') }}

),

single_send_campaigns as (

    select
        {{ campaign_key("'sendgrid'", 'singlesend_id') }} as campaign_key,
        'sendgrid' as platform,
        'single_send' as campaign_type,
        singlesend_id as campaign_id,
        singlesend_name as campaign_name,
        cast(null as varchar) as ad_account_id,
        cast(null as varchar) as currency_code,
        substr(program_categories[1], length('nurture-') + 1) as nurture_program,
        case when len(program_categories) > 0 then 'sendgrid:' || program_categories[1] end
            as parent_campaign_key,
        false as is_unknown_member
    from single_sends

),

nurture_programs as (

    select distinct
        parent_campaign_key as campaign_key,
        'sendgrid' as platform,
        'nurture_program' as campaign_type,
        substr(parent_campaign_key, length('sendgrid:') + 1) as campaign_id,
        nurture_program as campaign_name,
        cast(null as varchar) as ad_account_id,
        cast(null as varchar) as currency_code,
        nurture_program,
        cast(null as varchar) as parent_campaign_key,
        false as is_unknown_member
    from single_send_campaigns
    where parent_campaign_key is not null

),

crm_campaigns as (

    select
        {{ campaign_key('source_system', 'campaign_id') }} as campaign_key,
        source_system as platform,
        'crm_campaign' as campaign_type,
        campaign_id,
        campaign_name,
        cast(null as varchar) as ad_account_id,
        cast(null as varchar) as currency_code,
        cast(null as varchar) as nurture_program,
        case
            when parent_campaign_id is not null
                then {{ campaign_key('source_system', 'parent_campaign_id') }}
        end as parent_campaign_key,
        false as is_unknown_member
    from {{ ref('stg_crm__campaigns') }}
    where not is_archived

),

unioned as (

    select * from ad_campaigns
    union all
    select * from single_send_campaigns
    union all
    select * from nurture_programs
    union all
    select * from crm_campaigns

)

select * from unioned
