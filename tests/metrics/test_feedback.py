"""Sales feedback and hand-off (docs/metrics/feedback.md) on the hand-built warehouse.

The hand story (tests/metrics/handbuilt.py) plus the two core relations the hand-off reads:
dim_contact's owner assignment and disqualification reason, and the lifecycle transitions.
  P1 (hs_1) MQL 2025-01-20 00:00, owner assigned 03:30, first call 10:00, SAL 02-02.
  P2 (hs_2) owner assigned 2025-01-15 (before its MQL 02-05 00:00), reached by an email
     02-07 00:00 (48 h), recycled 02-20; MQL again 03-05, disqualified 03-10 "No budget".
  P3's MQL is inferred (skipped): no episode.
FEEDBACK_DDL / FEEDBACK_ROWS (tests/metrics/handbuilt_playbook.py) are also in the shared fixture.
"""

from __future__ import annotations

import duckdb
import pytest

from tests.metrics.handbuilt import HandBuild, create_inputs, run_dbt
from tests.metrics.handbuilt_playbook import FEEDBACK_DDL, FEEDBACK_ROWS

SELECTION = [
    "canonical_stages",
    "stage_mapping",
    "attribution_conversion_stages",
    "sales_stage_mapping",
    "rejection_reason_mapping",
    "dim_snapshot_date",
    "fct_opportunity_property_history",
    "int_deals__property_history",
    "int_sales__stages",
    "int_metrics__account_dimensions",
    "int_metrics__contact_dimensions",
    "int_metrics__lead_handoff",
    "int_metrics__mql_follow_up",
    "mart_lead_sla",
    "mart_lead_sla_total",
    "mart_lead_rejections_monthly",
    "mart_lead_handoff_monthly",
]


@pytest.fixture(scope="module")
def feedback(tmp_path_factory) -> HandBuild:
    workdir = tmp_path_factory.mktemp("metrics_feedback")
    warehouse = workdir / "warehouse.duckdb"
    create_inputs(warehouse)
    with duckdb.connect(str(warehouse)) as con:
        for table, columns in FEEDBACK_DDL.items():
            con.execute(f"create or replace table {table} ({columns})")
            for row in FEEDBACK_ROWS[table]:
                con.execute(f"insert into {table} values ({', '.join('?' * len(row))})", row)
    done = run_dbt(warehouse, workdir / "target", ["build", "--select", *SELECTION])
    build = HandBuild(warehouse, done.returncode, done.stdout + done.stderr)
    assert build.returncode == 0, build.output[-6000:]
    return build


def test_handoff_episodes(feedback):
    rows = feedback.query("""
        select contact_key, mql_episode_number, owner_key, assignment_hours,
               first_touch_hours, outcome, rejection_reason
        from intermediate.int_metrics__lead_handoff order by 1, 2
    """)
    # P1: 03:30 - 00:00 = 3.5 h; call 10:00 -> 10 h (the 01-19 call is before the MQL); SAL.
    # P2 #1: assigned before the MQL -> 0 h; email 02-07 00:00 -> 48 h; recycled.
    # P2 #2: 0 h; no activity after 03-05; disqualified "No budget" -> no_budget.
    assert rows == [
        ("hs_p1", 1, "hs_1", 3.5, 10.0, "sal", None),
        ("hs_p2", 1, "hs_2", 0.0, 48.0, "recycled", None),
        ("hs_p2", 2, "hs_2", 0.0, None, "disqualified", "no_budget"),
    ]


def test_handoff_monthly_by_owner(feedback):
    rows = feedback.query("""
        select month_start::varchar, owner_key, mqls, median_assignment_hours,
               median_first_touch_hours, within_sla_rate, mqls_rejected, rejection_rate
        from metrics.mart_lead_handoff_monthly order by 1, 2
    """)
    # Jan hs_1: P1 within 24 h -> 1.0. Feb hs_2: P2 48 h -> 0.0. Mar hs_2: P2's second
    # episode, never followed up (outside the SLA), rejected -> 1 / 1.
    assert rows == [
        ("2025-01-01", "hs_1", 1, 3.5, 10.0, 1.0, 0, 0.0),
        ("2025-02-01", "hs_2", 1, 0.0, 48.0, 0.0, 0, 0.0),
        ("2025-03-01", "hs_2", 1, 0.0, None, 0.0, 1, 1.0),
    ]


def test_rejections_by_source_campaign_and_reason(feedback):
    rows = feedback.query("""
        select month_start::varchar, lead_source, campaign_key, rejection_reason,
               rejected_leads, rejection_share
        from metrics.mart_lead_rejections_monthly order by 1
    """)
    # P2's first touch (t3, organic) has no campaign.
    assert rows == [("2025-03-01", "ORGANIC_SEARCH", "(unknown)", "no_budget", 1, 1.0)]


def test_sla_marts_keep_their_rows_and_gain_assignment_hours(feedback):
    rows = feedback.query("""
        select month_start::varchar, owner_key, mqls, within_sla_rate,
               median_assignment_hours, p75_assignment_hours
        from metrics.mart_lead_sla order by 1
    """)
    # The SLA rows of test_lead_and_efficiency_marts (one first MQL per contact), plus the
    # assignment of each first episode: P1 3.5 h, P2 0 h.
    assert rows == [
        ("2025-01-01", "hs_1", 1, 1.0, 3.5, 3.5),
        ("2025-02-01", "hs_2", 1, 0.0, 0.0, 0.0),
    ]
    assert feedback.query("""
        select month_start::varchar, median_assignment_hours from metrics.mart_lead_sla_total
        order by 1
    """) == [("2025-01-01", 3.5), ("2025-02-01", 0.0)]
