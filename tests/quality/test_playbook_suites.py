"""The suites of the playbook marts (issue 15) on small hand-made tables: each passes on
consistent rows, and one corruption per family fails a blocking check that names the rows.

The tables are written next to core.dim_date in the `warehouse` fixture, with the columns
the marts' ymls document (and the tables the suites' reconciliations read).
"""

from __future__ import annotations

import pytest

from expectations.runner import validate
from tests.quality.conftest import execute

RETENTION = """
create table metrics.mart_revenue_retention_quarterly as
select cohort_quarter_start, quarter_start, quarter_end, is_complete_quarter,
    customers_at_start, churned_customers,
    cast(start_arr_usd as decimal(18, 2)) as start_arr_usd,
    cast(expansion_arr_usd as decimal(18, 2)) as expansion_arr_usd,
    cast(contraction_arr_usd as decimal(18, 2)) as contraction_arr_usd,
    cast(churned_arr_usd as decimal(18, 2)) as churned_arr_usd,
    cast(end_arr_usd as decimal(18, 2)) as end_arr_usd,
    cast(gross_lost_arr_usd as decimal(18, 2)) as gross_lost_arr_usd,
    cast(net_revenue_retention as double) as net_revenue_retention,
    cast(gross_revenue_retention_rate as double) as gross_revenue_retention_rate
from (values
    (date '2024-10-01', date '2025-01-01', date '2025-03-31', true, 2, 1,
     150, 30, 10, 50, 120, 60, 0.8, 0.6),
    (date '2024-10-01', date '2025-04-01', date '2025-06-30', false, 1, 0,
     120, 0, 0, 0, 120, 0, 1.0, 1.0),
    (date '2025-01-01', date '2025-04-01', date '2025-06-30', false, 1, 0,
     80, 30, 0, 0, 110, 0, 1.375, 1.0)
) t(cohort_quarter_start, quarter_start, quarter_end, is_complete_quarter,
    customers_at_start, churned_customers, start_arr_usd, expansion_arr_usd,
    contraction_arr_usd, churned_arr_usd, end_arr_usd, gross_lost_arr_usd,
    net_revenue_retention, gross_revenue_retention_rate)
"""

# As of 10 February 2025: January complete, February current (10 of 28 days), March ahead.
GOALS = """
create table metrics.mart_goal_attainment_monthly as
select month_start, month_end, metric, '(all)' as segment, '(all)' as team,
    '(all)' as owner_key, target_value::double as target_value,
    actual_value::double as actual_value, attainment::double as attainment,
    projected_value::double as projected_value,
    projected_attainment::double as projected_attainment, is_current_period,
    elapsed_days::double as elapsed_days, total_days::double as total_days,
    date '2025-02-10' as as_of_date, false as is_target_prorated
from (values
    (date '2025-01-01', date '2025-01-31', 'mqls', 100.0, 80.0, 0.8, 80.0, 0.8,
     false, 31.0, 31.0),
    (date '2025-02-01', date '2025-02-28', 'mqls', 100.0, 20.0, 0.2, 56.0, 0.56,
     true, 10.0, 28.0),
    (date '2025-03-01', date '2025-03-31', 'mqls', 100.0, null, null, null, null,
     false, 0.0, 31.0)
) t(month_start, month_end, metric, target_value, actual_value, attainment,
    projected_value, projected_attainment, is_current_period, elapsed_days, total_days)
"""

_ENTRIES = """
select {period}, stage, stage_order, 'paid_search' as first_touch_channel,
    '51-200' as company_size_band, 'software' as industry, 'SDR EMEA' as owner_team,
    cast(entries as bigint) as entries
from (values {rows}) t({period}, stage, stage_order, entries)
"""
ENTRIES = [
    "create table metrics.mart_funnel_stage_entries as"
    + _ENTRIES.format(
        period="month_start",
        rows="(date '2025-01-01', 'lead', 1, 3), (date '2025-02-01', 'lead', 1, 2),"
        " (date '2025-01-01', 'mql', 2, 1)",
    ),
    "create table metrics.mart_funnel_stage_entries_quarterly as"
    + _ENTRIES.format(
        period="quarter_start",
        rows="(date '2025-01-01', 'lead', 1, 5), (date '2025-01-01', 'mql', 2, 1)",
    ),
]

REJECTIONS = [
    """
    create table metrics.mart_lead_rejections_monthly as
    select month_start, lead_source, campaign_key, rejection_reason,
        cast(rejected_leads as bigint) as rejected_leads,
        cast(rejection_share as double) as rejection_share
    from (values
        (date '2025-03-01', 'PAID_SEARCH', 'google_ads:1', 'no_budget', 1, 0.25),
        (date '2025-03-01', 'PAID_SEARCH', 'google_ads:1', 'bad_timing', 3, 0.75),
        (date '2025-04-01', 'OFFLINE', '(unknown)', 'other', 2, 1.0)
    ) t(month_start, lead_source, campaign_key, rejection_reason, rejected_leads,
        rejection_share)
    """,
    """
    create table metrics.mart_lead_handoff_monthly as
    select * from (values (date '2025-03-01', 'hs_1', 4), (date '2025-04-01', 'hs_1', 2))
        t(month_start, owner_key, mqls_rejected)
    """,
]

# Norms: demo_scheduled p75 10 days, mql p75 2 days. hs_d1 is 30 days in its stage
# (stalled), hs_d2 3 days (not: under the p75 and the 7 days minimum), lead hs_c1 20 days.
STALLED = [
    """
    create table metrics.mart_stage_norms as
    select item_type, pipeline_id, stage, stage_order, snapshot_date, completed_stays,
        median_stay_days::double as median_stay_days, p75_stay_days::double as p75_stay_days,
        open_items
    from (values
        ('deal', 'default', 'demo_scheduled', 2, date '2025-04-30', 4, 5.0, 10.0, 2),
        ('lead', '(all)', 'mql', 2, date '2025-04-30', 3, 1.0, 2.0, 1)
    ) t(item_type, pipeline_id, stage, stage_order, snapshot_date, completed_stays,
        median_stay_days, p75_stay_days, open_items)
    """,
    """
    create table metrics.mart_stalled_items as
    select item_type, item_id,
        case when item_type = 'lead' then item_id end as contact_key,
        case when item_type = 'deal' then item_id end as opportunity_key,
        'hs_7' as owner_key, 'Rep Seven' as owner_name, 'AE EMEA' as owner_team,
        null as account_key, '(unknown)' as account_name, pipeline_id, stage, 2 as stage_order,
        date '2025-04-30' as snapshot_date,
        timestamp '2025-05-01 00:00:00' - to_days(days) as entered_at,
        cast(days as double) as days_in_stage, completed as norm_completed_stays,
        median::double as norm_median_days, p75::double as norm_p75_days, is_stalled,
        null::timestamp as last_activity_at, null as last_activity_type,
        null::double as days_since_last_activity,
        cast(amount as decimal(18, 2)) as amount_usd
    from (values
        ('deal', 'hs_d1', 'default', 'demo_scheduled', 30, 4, 5.0, 10.0, true, 1000),
        ('deal', 'hs_d2', 'default', 'demo_scheduled', 3, 4, 5.0, 10.0, false, 500),
        ('lead', 'hs_c1', '(all)', 'mql', 20, 3, 1.0, 2.0, true, null)
    ) t(item_type, item_id, pipeline_id, stage, days, completed, median, p75, is_stalled,
        amount)
    """,
]

PREREQUISITES = [
    "create table core.fct_opportunities as"
    " select * from (values ('hs_o1'), ('hs_o2')) t(opportunity_key)",
    """
    create table metrics.mart_deal_prerequisites as
    select opportunity_key, 'Deal' as deal_name, 'hs_7' as owner_key,
        'Rep Seven' as owner_name, null as account_key, 'default' as pipeline_id, stage,
        stage_order, is_open, date '2025-04-30' as snapshot_date, missing_budget,
        missing_authority, missing_need, missing_timeline, missing_prerequisites,
        missing_prerequisite_count, cast(amount as decimal(18, 2)) as amount_usd
    from (values
        ('hs_o1', 'demo_scheduled', 2, true, true, false, false, false, 'budget', 1, 800),
        ('hs_o2', 'closed_won', 6, false, true, true, true, true,
         'budget, authority, need, timeline', 4, 1200)
    ) t(opportunity_key, stage, stage_order, is_open, missing_budget, missing_authority,
        missing_need, missing_timeline, missing_prerequisites, missing_prerequisite_count,
        amount)
    """,
]

CONTENT = """
create table metrics.mart_content_engagement as
select content_key, persona, stage_at_engagement, 'blog' as content_type,
    'awareness' as funnel_stage, cast(engagements as bigint) as engagements,
    cast(anonymous_engagements as bigint) as anonymous_engagements,
    cast(engaged_contacts as bigint) as engaged_contacts,
    cast(next_stage_contacts as bigint) as next_stage_contacts,
    cast(next_stage_conversion_rate as double) as next_stage_conversion_rate
from (values
    ('blog-1', 'revops_analyst', 'lead', 5, 0, 4, 2, 0.5),
    ('blog-1', '(unknown)', '(anonymous)', 3, 3, 0, 0, null),
    ('blog-1', 'executive_buyer', 'evangelist', 2, 0, 1, 0, null)
) t(content_key, persona, stage_at_engagement, engagements, anonymous_engagements,
    engaged_contacts, next_stage_contacts, next_stage_conversion_rate)
"""

# suite, tables, corruption, the failing check's description (start), a failing row's
# values that name it.
CASES = {
    "revenue: GRR above 1": (
        "mart_revenue_retention_quarterly",
        [RETENTION],
        "update metrics.mart_revenue_retention_quarterly set gross_revenue_retention_rate"
        " = 1.2 where cohort_quarter_start = '2024-10-01' and quarter_start = '2025-01-01'",
        "gross lost <= start ARR",
        {"cohort_quarter_start": "2024-10-01", "quarter_start": "2025-01-01"},
    ),
    "goals: a duplicated key row": (
        "mart_goal_attainment_monthly",
        [GOALS],
        "insert into metrics.mart_goal_attainment_monthly"
        " select * from metrics.mart_goal_attainment_monthly where month_start = '2025-02-01'",
        "one row per month_start, metric, segment, team, owner_key",
        {"month_start": "2025-02-01", "metric": "mqls"},
    ),
    "funnel: a quarter that is not the sum of its months": (
        "mart_funnel_stage_entries_quarterly",
        ENTRIES,
        "update metrics.mart_funnel_stage_entries_quarterly set entries = 6 where stage = 'lead'",
        "each quarter × stage × slice",
        {"quarter_start": "2025-01-01", "stage": "lead", "quarterly_entries": 6},
    ),
    "lead feedback: a month's shares not summing to 1": (
        "mart_lead_rejections_monthly",
        REJECTIONS,
        "update metrics.mart_lead_rejections_monthly set rejection_share = 0.5"
        " where rejection_reason = 'bad_timing'",
        "sum of rejection_share is 1",
        {"month_start": "2025-03-01"},
    ),
    "stalled: flagged under the norm": (
        "mart_stalled_items",
        STALLED,
        "update metrics.mart_stalled_items set is_stalled = true where item_id = 'hs_d2'",
        "stalled exactly when",
        {"item_type": "deal", "item_id": "hs_d2", "is_stalled": True},
    ),
    "prerequisites: a count that is not the flags'": (
        "mart_deal_prerequisites",
        PREREQUISITES,
        "update metrics.mart_deal_prerequisites set missing_prerequisite_count = 2"
        " where opportunity_key = 'hs_o1'",
        "budget or authority missing",
        {"opportunity_key": "hs_o1", "missing_prerequisite_count": 2},
    ),
    "content: more converted than engaged contacts": (
        "mart_content_engagement",
        [CONTENT],
        "update metrics.mart_content_engagement set next_stage_contacts = 5"
        " where stage_at_engagement = 'lead'",
        "engagements >= 1",
        {"content_key": "blog-1", "stage_at_engagement": "lead", "next_stage_contacts": 5},
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_playbook_suite_names_the_corrupted_rows(warehouse, case):
    suite, tables, corruption, description, row = CASES[case]
    execute(warehouse, "create schema metrics", *tables)
    clean = validate(warehouse, suite)
    problems = [(r.description, r.error, r.sample) for r in clean.results if not r.success]
    assert clean.success, problems

    execute(warehouse, corruption)
    report = validate(warehouse, suite)
    assert not report.publishable
    (failed,) = [r for r in report.results if r.description.startswith(description)]
    assert not failed.success and failed.severity == "blocking" and failed.error is None
    assert any(row.items() <= sample.items() for sample in failed.sample), failed.sample
