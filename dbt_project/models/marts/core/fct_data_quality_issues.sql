{#- The odd but normal records the models handled instead of failing (docs/resilience.md
    §1), one row per record and check, for metrics.mart_data_quality:
    - fx_rate_estimated / fx_rate_missing: ad spend days and deals converted at a carried
      rate / with no rate of their currency at all;
    - unknown_campaign / unknown_owner / unknown_account: rows pointing to an unknown member
      of dim_campaign / dim_owner / dim_account (example_id: the unknown id);
    - unknown_stage: deals whose stage no sales stage maps (example_id: the CRM stage id);
    - merge_cycle / merge_chain: contact ids in (or leading into) a merge cycle, and ids
      merged two or more hops away from their survivor.
    Over 200 lines because each check is one short union branch over the core tables it
    reads; split into models they would be eight one-query files. -#}
with

ad_spend as (

    select * from {{ ref('fct_ad_spend_daily') }}

),

opportunities as (

    select * from {{ ref('fct_opportunities') }}

),

email_events as (

    select * from {{ ref('fct_email_events') }}

),

sales_activities as (

    select * from {{ ref('fct_sales_activities') }}

),

quotas as (

    select * from {{ ref('fct_quotas') }}

),

contacts as (

    select * from {{ ref('dim_contact') }}

),

accounts as (

    select * from {{ ref('dim_account') }}

),

owners as (

    select * from {{ ref('dim_owner') }}

),

campaigns as (

    select * from {{ ref('dim_campaign') }}

),

resolved_contacts as (

    select * from {{ ref('int_contacts__resolved') }}

),

unknown_campaigns as (

    select * from campaigns
    where is_unknown_member

),

unknown_owners as (

    select * from owners
    where is_unknown_member

),

unknown_accounts as (

    select * from accounts
    where is_unknown_member

),

ad_spend_days as (

    select
        *,
        concat_ws('|', platform, ad_account_id, campaign_id, date_day) as record_id,
        campaign_id || '@' || cast(date_day as varchar) as example_id
    from ad_spend

),

-- Rows that reference an owner, with their money when they are deals.
owner_references as (

    select
        'fct_opportunities' as record_table,
        opportunity_key as record_id,
        owner_key,
        cast(amount_usd as decimal(18, 6)) as amount_usd
    from opportunities
    union all
    select
        'fct_sales_activities' as record_table,
        activity_id as record_id,
        owner_key,
        cast(null as decimal(18, 6)) as amount_usd
    from sales_activities
    union all
    select
        'fct_quotas' as record_table,
        owner_key || '|' || cast(period_start as varchar) as record_id,
        owner_key,
        cast(null as decimal(18, 6)) as amount_usd
    from quotas
    union all
    select
        'dim_contact' as record_table,
        contact_key as record_id,
        owner_key,
        cast(null as decimal(18, 6)) as amount_usd
    from contacts
    union all
    select
        'dim_account' as record_table,
        account_key as record_id,
        owner_key,
        cast(null as decimal(18, 6)) as amount_usd
    from accounts

),

issues as (

    select
        'fx_rate_estimated' as check_name,
        platform as source,
        'fct_ad_spend_daily' as object,
        'fct_ad_spend_daily' as record_table,
        record_id,
        example_id,
        cast(spend_usd as decimal(18, 6)) as amount_usd
    from ad_spend_days
    where fx_rate_is_estimated and spend_usd is not null

    union all

    select
        'fx_rate_missing' as check_name,
        platform as source,
        'fct_ad_spend_daily' as object,
        'fct_ad_spend_daily' as record_table,
        record_id,
        example_id,
        cast(null as decimal(18, 6)) as amount_usd
    from ad_spend_days
    where spend_usd is null and spend is not null

    union all

    select
        case when amount_usd is null then 'fx_rate_missing' else 'fx_rate_estimated' end as check_name,
        {{ crm_of_key('opportunity_key') }} as source,
        'fct_opportunities' as object,
        'fct_opportunities' as record_table,
        opportunity_key as record_id,
        hubspot_deal_id as example_id,
        cast(amount_usd as decimal(18, 6)) as amount_usd
    from opportunities
    where fx_rate_is_estimated and amount is not null

    union all

    select
        'unknown_campaign' as check_name,
        ad_spend_days.platform as source,
        'dim_campaign' as object,
        'fct_ad_spend_daily' as record_table,
        ad_spend_days.record_id,
        unknown_campaigns.campaign_id as example_id,
        cast(ad_spend_days.spend_usd as decimal(18, 6)) as amount_usd
    from ad_spend_days
    inner join unknown_campaigns
        on ad_spend_days.campaign_key = unknown_campaigns.campaign_key

    union all

    select
        'unknown_campaign' as check_name,
        unknown_campaigns.platform as source,
        'dim_campaign' as object,
        'fct_email_events' as record_table,
        email_events.email_event_id as record_id,
        unknown_campaigns.campaign_id as example_id,
        cast(null as decimal(18, 6)) as amount_usd
    from email_events
    inner join unknown_campaigns
        on email_events.campaign_key = unknown_campaigns.campaign_key

    union all

    select
        'unknown_owner' as check_name,
        {{ crm_of_key('owner_references.owner_key') }} as source,
        'dim_owner' as object,
        owner_references.record_table,
        owner_references.record_id,
        unknown_owners.hubspot_owner_id as example_id,
        owner_references.amount_usd
    from owner_references
    inner join unknown_owners
        on owner_references.owner_key = unknown_owners.owner_key

    union all

    select
        'unknown_account' as check_name,
        {{ crm_of_key('opportunities.opportunity_key') }} as source,
        'dim_account' as object,
        'fct_opportunities' as record_table,
        opportunities.opportunity_key as record_id,
        unknown_accounts.hubspot_company_id as example_id,
        cast(opportunities.amount_usd as decimal(18, 6)) as amount_usd
    from opportunities
    inner join unknown_accounts
        on opportunities.account_key = unknown_accounts.account_key

    union all

    select
        'unknown_stage' as check_name,
        {{ crm_of_key('opportunity_key') }} as source,
        'dim_sales_stages' as object,
        'fct_opportunities' as record_table,
        opportunity_key as record_id,
        deal_stage_id as example_id,
        cast(amount_usd as decimal(18, 6)) as amount_usd
    from opportunities
    where current_stage = 'unknown'

    union all

    select
        'merge_' || merge_resolution as check_name,
        {{ crm_of_id('hubspot_contact_id') }} as source,
        'dim_contact' as object,
        'int_contacts__resolved' as record_table,
        hubspot_contact_id as record_id,
        hubspot_contact_id as example_id,
        cast(null as decimal(18, 6)) as amount_usd
    from resolved_contacts
    where merge_resolution in ('cycle', 'chain')

)

select * from issues
