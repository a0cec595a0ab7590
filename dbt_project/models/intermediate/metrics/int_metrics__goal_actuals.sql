{#- What the goals measure, per UTC day × metric × segment × team × rep (docs/playbook.md §5,
    docs/metrics/funnel.md "Goals"). Segment = the account's company size band; team = the
    rep's primary team; current owners (the CRM's owner history is not in core).
    `actual_value` (company and segment goals): stage metrics = first entries into the stage
    as mart_funnel_stage_entries counts them (int_metrics__funnel_entries, contact level;
    visitors = new visitor ids), sliced by the contact's owner; revenue = won deals'
    amount_usd by close day (every deal type), by deal owner.
    `owned_value` (team and rep goals): the same for visitors .. sqls (contacts owned) and
    revenue; opportunities = new-business deals owned, by creation day; customers = of
    those, the won ones by close day (deals owned). -#}
with

entries as (

    select * from {{ ref('int_metrics__funnel_entries') }}
    where level = 'contact'

),

contact_funnel as (

    select * from {{ ref('fct_contact_funnel') }}

),

visitors as (

    select * from {{ ref('fct_visitors') }}

),

opportunities as (

    select * from {{ ref('fct_opportunities') }}

),

accounts as (

    select * from {{ ref('dim_account') }}

),

owners as (

    select * from {{ ref('dim_owner') }}

),

stage_metrics as (

    select
        stage,
        case stage
            when 'visitor' then 'visitors'
            when 'lead' then 'leads'
            when 'mql' then 'mqls'
            when 'sql' then 'sqls'
            when 'opportunity' then 'opportunities'
            when 'customer' then 'customers'
        end as metric
    from {{ ref('canonical_stages') }}

),

entry_contacts as (

    select
        entries.*,
        entries.entity_key as contact_key
    from entries
    where entries.entity_type = 'contact'
    union all
    select
        entries.*,
        visitors.contact_key
    from entries
    left join visitors
        on entries.entity_key = visitors.anonymous_id
    where entries.entity_type = 'visitor_id'

),

stage_events as (

    select
        cast(entry_contacts.entered_at as date) as activity_date,
        stage_metrics.metric,
        entry_contacts.company_size_band as segment,
        contact_funnel.owner_key,
        cast(1 as decimal(18, 2)) as actual_value,
        -- Deal-owned metrics count deals for a team or rep (deal_events).
        case
            when stage_metrics.metric in ('opportunities', 'customers') then 0
            else 1
        end as owned_value
    from entry_contacts
    inner join stage_metrics
        on entry_contacts.stage = stage_metrics.stage
    left join contact_funnel
        on entry_contacts.contact_key = contact_funnel.contact_key
    where stage_metrics.metric is not null

),

deals as (

    select
        opportunities.*,
        {{ metrics_funnel_slice('accounts.size_band') }} as segment,
        coalesce(opportunities.deal_type, 'new_business') = 'new_business'
            as counts_as_new_business
    from opportunities
    left join accounts
        on opportunities.account_key = accounts.account_key

),

deal_events as (

    select
        cast(created_at as date) as activity_date,
        'opportunities' as metric,
        segment,
        owner_key,
        cast(0 as decimal(18, 2)) as actual_value,
        1 as owned_value
    from deals
    where counts_as_new_business
    union all
    select
        cast(closed_at as date) as activity_date,
        'customers' as metric,
        segment,
        owner_key,
        cast(0 as decimal(18, 2)) as actual_value,
        1 as owned_value
    from deals
    where counts_as_new_business and is_won and closed_at is not null
    union all
    select
        cast(closed_at as date) as activity_date,
        'revenue' as metric,
        segment,
        owner_key,
        cast(amount_usd as decimal(18, 2)) as actual_value,
        cast(amount_usd as decimal(18, 2)) as owned_value
    from deals
    where is_won and closed_at is not null

),

events as (

    select * from stage_events
    union all
    select * from deal_events

),

final as (

    select
        events.activity_date,
        events.metric,
        events.segment,
        {{ metrics_funnel_slice('owners.primary_team_name') }} as team,
        {{ metrics_funnel_slice('owners.email_normalized') }} as owner_email,
        -- Decimal sums (cents exact), then DOUBLE.
        cast(sum(coalesce(events.actual_value, 0)) as double) as actual_value,
        cast(sum(coalesce(events.owned_value, 0)) as double) as owned_value
    from events
    left join owners
        on events.owner_key = owners.owner_key
    group by all

)

select * from final
