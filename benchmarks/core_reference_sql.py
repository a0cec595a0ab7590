"""The reference side of benchmarks/bench_core.py: plain SQL passes over the raw tables.

One script in one DuckDB connection: per raw table the core layer reads, the dedup pass
(`row_number() over (partition by key order by newest first) = 1`) with the columns the
funnel needs, then the main joins and aggregates a funnel needs, each written to a table
in schema `ref`. A floor, not a re-implementation of the core layer.
"""

from __future__ import annotations

REFERENCE_SQL = """
create schema ref;

-- 1. Dedup passes: per raw table the core layer reads, newest version (CRM, ads, targets) or
--    first delivery (web, email events) per key, with the columns the funnel needs.
create table ref.contacts as
select
    id as contact_id,
    lower(trim(properties ->> '$.email')) as email,
    nullif(properties ->> '$.associatedcompanyid', '') as company_id,
    nullif(properties ->> '$.hubspot_owner_id', '') as owner_id,
    properties ->> '$.lifecyclestage' as lifecycle_stage,
    try_cast(properties ->> '$.hs_lifecyclestage_lead_date' as timestamptz) as lead_at,
    try_cast(properties ->> '$.hs_lifecyclestage_marketingqualifiedlead_date' as timestamptz)
        as mql_at,
    try_cast(properties ->> '$.hs_lifecyclestage_salesqualifiedlead_date' as timestamptz)
        as sql_at,
    try_cast(properties ->> '$.hs_lifecyclestage_customer_date' as timestamptz) as customer_at,
    properties_with_history -> '$.lifecyclestage' as lifecycle_history
from raw.hubspot__contacts
qualify row_number() over (
    partition by id order by try_cast(updated_at as timestamptz) desc nulls last,
    _loaded_at desc, _file desc) = 1;

create table ref.companies as
select id as company_id, properties ->> '$.name' as company_name,
    properties ->> '$.domain' as domain, properties ->> '$.industry' as industry
from raw.hubspot__companies
qualify row_number() over (
    partition by id order by try_cast(updated_at as timestamptz) desc nulls last,
    _loaded_at desc, _file desc) = 1;

create table ref.deals as
select
    id as deal_id,
    json_extract_string(associations, '$.companies.results[0].id') as company_id,
    json_extract_string(associations, '$.contacts.results[*].id') as contact_ids,
    try_cast(properties ->> '$.amount' as decimal(18, 2)) as amount,
    properties ->> '$.deal_currency_code' as currency,
    properties ->> '$.dealstage' as deal_stage,
    try_cast(properties ->> '$.createdate' as timestamptz) as created_at,
    try_cast(properties ->> '$.closedate' as timestamptz) as closed_at,
    try_cast(properties ->> '$.hs_is_closed' as boolean) as is_closed,
    try_cast(properties ->> '$.hs_is_closed_won' as boolean) as is_won
from raw.hubspot__deals
qualify row_number() over (
    partition by id order by try_cast(updated_at as timestamptz) desc nulls last,
    _loaded_at desc, _file desc) = 1;

create table ref.activities as
select id as activity_id, kind,
    try_cast(properties ->> '$.hs_timestamp' as timestamptz) as activity_at,
    json_extract_string(associations, '$.contacts.results[*].id') as contact_ids
from (
    select *, 'call' as kind from raw.hubspot__calls
    union all by name select *, 'meeting' as kind from raw.hubspot__meetings
    union all by name select *, 'email' as kind from raw.hubspot__emails
)
qualify row_number() over (
    partition by kind, id order by try_cast(updated_at as timestamptz) desc nulls last,
    _loaded_at desc, _file desc) = 1;

create table ref.web_events as
select
    message_id, anonymous_id, user_id, type, event,
    context ->> '$.sessionId' as session_id,
    try_cast("timestamp" as timestamptz) as event_at,
    coalesce(context ->> '$.page.url', properties ->> '$.url') as page_url,
    regexp_extract(coalesce(context ->> '$.page.url', properties ->> '$.url'),
        '[?&]utm_source=([^&#]*)', 1) as utm_source,
    regexp_extract(coalesce(context ->> '$.page.url', properties ->> '$.url'),
        '[?&]utm_medium=([^&#]*)', 1) as utm_medium,
    regexp_extract(coalesce(context ->> '$.page.url', properties ->> '$.url'),
        '[?&]utm_campaign=([^&#]*)', 1) as utm_campaign,
    lower(trim(coalesce(traits ->> '$.email', properties ->> '$.email'))) as email
from raw.web__events
qualify row_number() over (partition by message_id order by _loaded_at, _file) = 1;

create table ref.email_events as
select sg_event_id, lower(trim(email)) as email, event, url, singlesend_id,
    make_timestamp(cast("timestamp" as bigint) * 1000000) as event_at
from raw.sendgrid__events
qualify row_number() over (partition by sg_event_id order by _loaded_at, _file) = 1;

create table ref.fx_rates as
select try_cast("date" as date) as date_day, currency, try_cast(rate_to_usd as double) as rate
from raw.targets__fx_rates
qualify row_number() over (
    partition by "date", currency order by _loaded_at desc, _file desc) = 1;

create table ref.ad_spend_daily as
with spend as (
    select 'google_ads' as platform, campaign__id as campaign_id,
        try_cast(segments__date as date) as date_day, customer__currency_code as currency,
        try_cast(metrics__impressions as bigint) as impressions,
        try_cast(metrics__clicks as bigint) as clicks,
        try_cast(metrics__cost_micros as bigint) / 1e6 as spend
    from raw.google_ads__campaign_report
    qualify row_number() over (partition by customer__id, campaign__id, segments__date
        order by _file desc, _loaded_at desc) = 1
    union all
    select 'meta_ads', campaign_id, try_cast(date_start as date), account_currency,
        try_cast(impressions as bigint), try_cast(clicks as bigint), try_cast(spend as double)
    from raw.meta_ads__insights
    qualify row_number() over (partition by account_id, campaign_id, date_start
        order by _file desc, _loaded_at desc) = 1
    union all
    select 'linkedin_ads', pivot_value,
        make_date(date_range__start__year, date_range__start__month, date_range__start__day),
        'USD', impressions, clicks, try_cast(cost_in_usd as double)
    from raw.linkedin_ads__ad_analytics
    qualify row_number() over (partition by pivot_value, date_range__start__year,
        date_range__start__month, date_range__start__day
        order by _file desc, _loaded_at desc) = 1
)
select s.platform, s.campaign_id, s.date_day, sum(s.impressions) as impressions,
    sum(s.clicks) as clicks, sum(s.spend * coalesce(fx.rate, 1.0)) as spend_usd
from spend s
left join ref.fx_rates fx on fx.date_day = s.date_day and fx.currency = s.currency
group by all;

-- 2. Funnel joins and aggregates over the deduplicated tables.
create table ref.stage_changes as
select c.contact_id, h.change.value as stage,
    try_cast(h.change.timestamp as timestamptz) as changed_at
from ref.contacts c,
    unnest(from_json(c.lifecycle_history, '[{"value": "VARCHAR", "timestamp": "VARCHAR"}]'))
        as h(change)
where c.lifecycle_history is not null;

create table ref.sessions as
select session_id,
    arg_min(anonymous_id, event_at) as anonymous_id,
    min(event_at) as started_at, max(event_at) as ended_at,
    arg_min(page_url, (type != 'page', event_at)) as landing_page_url,
    arg_min(utm_source, (type != 'page', event_at)) as utm_source,
    arg_min(utm_medium, (type != 'page', event_at)) as utm_medium,
    arg_min(utm_campaign, (type != 'page', event_at)) as utm_campaign,
    count(*) as event_count,
    count(*) filter (where event = 'Form Submitted') as form_submissions
from ref.web_events
where session_id is not null
group by session_id;

create table ref.visitors as
select w.anonymous_id, arg_min(c.contact_id, w.event_at) as contact_id,
    min(w.event_at) as identified_at
from ref.web_events w
join ref.contacts c on c.email = w.email
where w.email is not null
group by w.anonymous_id;

create table ref.touchpoints as
select v.contact_id, s.started_at as touched_at, 'web_session' as touch_type,
    coalesce(s.utm_medium, 'direct') as channel, s.utm_campaign as campaign
from ref.sessions s
left join ref.visitors v using (anonymous_id)
union all
select c.contact_id, e.event_at, 'email_' || e.event, 'email', e.singlesend_id
from ref.email_events e
join ref.contacts c on c.email = e.email
where e.event in ('open', 'click')
union all
select unnest(a.contact_ids), a.activity_at, 'sales_' || a.kind, 'sales', null
from ref.activities a;

create table ref.deal_contacts as
select deal_id, unnest(contact_ids) as contact_id from ref.deals;

create table ref.contact_funnel as
with stages as (
    select contact_id,
        min(changed_at) filter (where stage = 'lead') as lead_entered_at,
        min(changed_at) filter (where stage = 'marketingqualifiedlead') as mql_entered_at,
        min(changed_at) filter (where stage = 'salesqualifiedlead') as sql_entered_at,
        min(changed_at) filter (where stage = 'opportunity') as opportunity_entered_at,
        min(changed_at) filter (where stage = 'customer') as customer_entered_at
    from ref.stage_changes
    group by contact_id
),
touches as (
    select contact_id, count(*) as touch_count, min(touched_at) as first_touch_at,
        arg_min(channel, touched_at) as first_touch_channel,
        arg_max(channel, touched_at) as last_touch_channel
    from ref.touchpoints
    where contact_id is not null
    group by contact_id
),
deals as (
    select dc.contact_id, count(*) as deal_count, count(*) filter (where d.is_won) as won_deals
    from ref.deal_contacts dc join ref.deals d using (deal_id)
    group by dc.contact_id
)
select c.contact_id, c.company_id, c.lifecycle_stage,
    coalesce(c.lead_at, s.lead_entered_at) as lead_at,
    coalesce(c.mql_at, s.mql_entered_at) as mql_at,
    coalesce(c.sql_at, s.sql_entered_at) as sql_at,
    s.opportunity_entered_at as opportunity_at,
    coalesce(c.customer_at, s.customer_entered_at) as customer_at,
    t.touch_count, t.first_touch_at, t.first_touch_channel, t.last_touch_channel,
    coalesce(d.deal_count, 0) as deal_count, coalesce(d.won_deals, 0) as won_deals
from ref.contacts c
left join stages s using (contact_id)
left join touches t using (contact_id)
left join deals d using (contact_id);

create table ref.account_funnel as
with contacts as (
    select company_id, count(*) as contacts, min(lead_at) as first_lead_at,
        min(mql_at) as first_mql_at, min(sql_at) as first_sql_at,
        sum(touch_count) as touches
    from ref.contact_funnel
    group by company_id
),
deals as (
    select company_id, count(*) as deals, min(created_at) as first_deal_at,
        min(closed_at) filter (where is_won) as first_won_at,
        sum(amount * coalesce(fx.rate, 1.0)) filter (where is_won) as won_amount_usd
    from ref.deals d
    left join ref.fx_rates fx on fx.date_day = cast(d.created_at as date)
        and fx.currency = d.currency
    group by company_id
)
select a.company_id, a.company_name, a.industry, c.contacts, c.first_lead_at, c.first_mql_at,
    c.first_sql_at, c.touches, d.deals, d.first_deal_at, d.first_won_at, d.won_amount_usd
from ref.companies a
left join contacts c using (company_id)
left join deals d using (company_id);
"""
