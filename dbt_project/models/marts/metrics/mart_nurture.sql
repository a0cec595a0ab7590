{#- Nurture effectiveness (DESIGN.md §5), per nurture program:
    email engagement of the program's sends: delivered, unique opens by people (machine
    pre-fetch opens excluded), unique clicks, unsubscribes (unique per message), each as a
    rate of delivered messages;
    conversion of the program's leads (fct_contact_funnel.nurture_program) to MQL and SQL,
    next to comparable non-nurtured leads: leads without any program created in the same
    quarter, re-weighted to the program's mix of lead quarters (expected rate =
    Σ_q program leads_q × non-nurtured rate_q / program leads). Cohort-based by lead
    creation quarter; all time. -#}
with

contacts as (

    select * from {{ ref('fct_contact_funnel') }}
    where lead_at is not null

),

email_events as (

    select * from {{ ref('fct_email_events') }}
    where nurture_program is not null

),

engagement as (

    select
        nurture_program,
        count(distinct message_id) filter (where event_type = 'delivered') as emails_delivered,
        count(distinct message_id) filter (
            where event_type = 'open' and not is_machine_open
        ) as unique_human_opens,
        count(distinct message_id) filter (where event_type = 'click') as unique_clicks,
        count(distinct message_id) filter (
            where event_type in ('unsubscribe', 'group_unsubscribe')
        ) as unsubscribes,
        count(distinct contact_key) as contacts_emailed
    from email_events
    group by nurture_program

),

leads as (

    select
        contact_key,
        nurture_program,
        cast(date_trunc('quarter', lead_at) as date) as lead_quarter,
        mql_at is not null as reached_mql,
        sql_at is not null as reached_sql
    from contacts

),

control_by_quarter as (

    select
        lead_quarter,
        count(*) as control_leads,
        avg(cast(reached_mql as integer)) as control_mql_rate,
        avg(cast(reached_sql as integer)) as control_sql_rate
    from leads
    where nurture_program is null
    group by lead_quarter

),

nurtured as (

    select
        leads.nurture_program,
        count(*) as nurtured_leads,
        count(*) filter (where leads.reached_mql) as nurtured_to_mql,
        count(*) filter (where leads.reached_sql) as nurtured_to_sql,
        -- Leads from quarters without any non-nurtured lead have no comparison.
        count(control_by_quarter.lead_quarter) as comparable_leads,
        sum(control_by_quarter.control_mql_rate) as expected_mql_total,
        sum(control_by_quarter.control_sql_rate) as expected_sql_total
    from leads
    left join control_by_quarter
        on leads.lead_quarter = control_by_quarter.lead_quarter
    where leads.nurture_program is not null
    group by leads.nurture_program

),

programs as (

    select nurture_program from engagement
    union
    select nurture_program from nurtured

),

final as (

    select
        programs.nurture_program,
        coalesce(engagement.contacts_emailed, 0) as contacts_emailed,
        coalesce(engagement.emails_delivered, 0) as emails_delivered,
        coalesce(engagement.unique_human_opens, 0) as unique_human_opens,
        coalesce(engagement.unique_clicks, 0) as unique_clicks,
        coalesce(engagement.unsubscribes, 0) as unsubscribes,
        {{ metrics_ratio('engagement.unique_human_opens', 'engagement.emails_delivered') }} as open_rate,
        {{ metrics_ratio('engagement.unique_clicks', 'engagement.emails_delivered') }} as click_rate,
        {{ metrics_ratio('engagement.unsubscribes', 'engagement.emails_delivered') }} as unsubscribe_rate,
        coalesce(nurtured.nurtured_leads, 0) as nurtured_leads,
        coalesce(nurtured.nurtured_to_mql, 0) as nurtured_to_mql,
        coalesce(nurtured.nurtured_to_sql, 0) as nurtured_to_sql,
        {{ metrics_ratio('nurtured.nurtured_to_mql', 'nurtured.nurtured_leads') }} as mql_rate,
        {{ metrics_ratio('nurtured.nurtured_to_sql', 'nurtured.nurtured_leads') }} as sql_rate,
        coalesce(nurtured.comparable_leads, 0) as comparable_leads,
        {{ metrics_ratio('nurtured.expected_mql_total', 'nurtured.comparable_leads') }}
            as comparable_non_nurtured_mql_rate,
        {{ metrics_ratio('nurtured.expected_sql_total', 'nurtured.comparable_leads') }}
            as comparable_non_nurtured_sql_rate
    from programs
    left join engagement
        on programs.nurture_program = engagement.nurture_program
    left join nurtured
        on programs.nurture_program = nurtured.nurture_program

)

select * from final
