"""The funnel marts on the hand-built contacts and visitor ids (tests/metrics/handbuilt.py,
handbuilt_people.py: visitor ids a1, a1b, a2, a3, a4 identified, a8, a9 never)."""

from __future__ import annotations

import datetime as dt

import pytest

COHORT = """
    select sum(entered_from_stage), sum(converted_to_next_stage),
           sum(converted_to_next_stage) / sum(entered_from_stage)
    from metrics.{table}
    where month_start between ? and ? and from_stage = ? {where}
"""


def cohort(hand, start, end, stage, where="", table="mart_funnel_cohorts"):
    return hand.one(COHORT.format(table=table, where=where), [start, end, stage])


def test_visitor_stage_counts_every_visitor_id_identified_or_not(hand):
    # January visitor ids: a1, a2, a3 (identified, became leads) and a8 (never identified):
    # 3 / 4. Before, only contacts' visits counted and every row was 1.0.
    assert cohort(hand, "2025-01-01", "2025-01-01", "visitor") == (4, 3, 0.75)
    # a8 sits in its own channel and '(unknown)' segments.
    assert cohort(
        hand, "2025-01-01", "2025-01-01", "visitor", "and first_touch_channel = 'paid_social'"
    ) == (1, 0, 0.0)
    assert cohort(hand, "2025-01-01", "2025-01-01", "visitor", "and owner_team = '(unknown)'") == (
        1,
        0,
        0.0,
    )
    # The quarter: + a4 (February, lead 02-20) + a9 (March, anonymous); a1b, P1's second
    # device first seen after P1 was a lead, is no visitor-stage entry: 4 / 6.
    assert cohort(hand, "2025-01-01", "2025-03-01", "visitor") == (6, 4, pytest.approx(4 / 6))


def test_cohort_conversion_counts_everyone_who_entered_the_earlier_stage_in_the_month(hand):
    # Leads in January: P1, P2, P3; all three reach MQL (P3 by the inferred fill) -> 3/3.
    assert cohort(hand, "2025-01-01", "2025-01-01", "lead") == (3, 3, 1.0)
    # February's only lead, P4, never becomes an MQL -> 0/1; the quarter pools them: 3/4.
    assert cohort(hand, "2025-02-01", "2025-02-01", "lead") == (1, 0, 0.0)
    assert cohort(hand, "2025-01-01", "2025-03-01", "lead") == (4, 3, 0.75)


def test_cohort_slices_are_columns_of_every_row(hand):
    # Paid search contacts: P1 and P3, both January leads reaching MQL.
    paid = "and first_touch_channel = 'paid_search'"
    assert cohort(hand, "2025-01-01", "2025-01-01", "lead", paid) == (2, 2, 1.0)
    # P4 has no touch at all: its channel is '(unknown)'; no account, no owner either.
    unknown = (
        "and first_touch_channel = '(unknown)' and company_size_band = '(unknown)'"
        " and industry = '(unknown)' and owner_team = '(unknown)'"
    )
    assert cohort(hand, "2025-02-01", "2025-02-01", "lead", unknown) == (1, 0, 0.0)
    # P2: account hs_c2 (200-999, RETAIL), team AE NA.
    segment = "and company_size_band = '200-999' and industry = 'RETAIL' and owner_team = 'AE NA'"
    assert cohort(hand, "2025-01-01", "2025-01-01", "lead", segment) == (1, 1, 1.0)
    assert cohort(hand, "2025-01-01", "2025-01-01", "lead", "and owner_team = 'AE EMEA'") == (
        2,
        2,
        1.0,
    )


def test_one_grain_no_stacked_rows(hand):
    assert (
        hand.query("""
        select month_start, from_stage, first_touch_channel, company_size_band, industry,
               owner_team
        from metrics.mart_funnel_cohorts
        group by all having count(*) > 1
    """)
        == []
    )
    columns = {row[0] for row in hand.query("describe metrics.mart_funnel_cohorts")}
    assert not columns & {"period_grain", "basis", "level", "dimension", "dimension_value"}
    assert hand.query("""
        select distinct typeof(entered_from_stage), typeof(converted_to_next_stage)
        from metrics.mart_funnel_cohorts
    """) == [("BIGINT", "BIGINT")]


def test_account_level_counts_accounts(hand):
    table = "mart_account_funnel_cohorts"
    # hs_c1, hs_c2, hs_c3 entered lead in January; hs_c5 became an opportunity in Nov 2024.
    assert cohort(hand, "2025-01-01", "2025-01-01", "lead", table=table) == (3, 3, 1.0)
    assert cohort(hand, "2024-10-01", "2024-12-01", "opportunity", table=table) == (1, 1, 1.0)


def test_cohort_funnel_is_monotonic(hand):
    assert (
        hand.query("""
        select * from metrics.mart_funnel_cohorts
        where converted_to_next_stage > entered_from_stage or conversion_rate > 1
    """)
        == []
    )


def test_stage_entries_per_month(hand):
    rows = hand.query("""
        select stage, sum(entries) from metrics.mart_funnel_stage_entries
        where month_start = '2025-01-01' group by stage order by min(stage_order)
    """)
    # January: visitor ids a1, a2, a3, a8; leads P1, P2, P3; MQL P1 (01-20).
    assert rows == [("visitor", 4), ("lead", 3), ("mql", 1)]


def test_period_ratio_is_named_a_ratio_and_can_exceed_one(hand):
    ratio = """
        select entries_from_stage, entries_to_stage, next_stage_entry_ratio
        from metrics.mart_funnel_period_ratios where month_start = ? and from_stage = ?
    """
    # January: 3 leads entered, 1 MQL entered (P1 on 01-20) -> 1/3.
    assert hand.one(ratio, ["2025-01-01", "lead"]) == (3, 1, pytest.approx(1 / 3))
    # January: 4 visitor ids, 3 leads -> 0.75 (contacts per visitor id).
    assert hand.one(ratio, ["2025-01-01", "visitor"]) == (4, 3, 0.75)
    # March: P3's MQL (inferred) but no new lead -> 0 entered, 1 next, ratio NULL.
    assert hand.one(ratio, ["2025-03-01", "lead"]) == (0, 1, None)
    columns = {row[0] for row in hand.query("describe metrics.mart_funnel_period_ratios")}
    assert "conversion_rate" not in columns


def test_velocity_median_p75_mean_in_days(hand):
    # Lead -> MQL, January: P1 10 days, P2 21 days; P3 excluded (MQL inferred).
    row = hand.one("""
        select transitions, median_days, p75_days, mean_days, total_days
        from metrics.mart_funnel_velocity_monthly
        where month_start = '2025-01-01' and from_stage = 'lead'
    """)
    # p75 by linear interpolation: 10 + 0.75 * (21 - 10) = 18.25.
    assert row == (2, 15.5, 18.25, 15.5, 31.0)


def test_visitor_velocity_by_visitor_id_and_quarterly_median(hand):
    # Visitor -> lead in Q1: a1 5 days (01-05 -> 01-10), a2 8 (01-07 -> 01-15), a3 0
    # (01-25 -> 01-25), a4 17 (02-03 -> 02-20): median (5 + 8) / 2 = 6.5, mean 30 / 4.
    row = hand.one("""
        select transitions, median_days, mean_days, min_days, max_days
        from metrics.mart_funnel_velocity_quarterly
        where quarter_start = '2025-01-01' and from_stage = 'visitor'
    """)
    assert row == (4, 6.5, 7.5, 0.0, 17.0)


def test_inferred_steps_are_not_velocities(hand):
    assert (
        hand.query("""
        select * from metrics.mart_funnel_velocity_monthly
        where from_stage in ('mql', 'sal') and month_start = '2025-03-01'
    """)
        == []
    )


def test_funnel_plan_one_grain_chain(hand):
    target = float(
        hand.one(
            "select revenue_target_usd from core.fct_revenue_targets"
            " where quarter_start = '2025-04-01'"
        )
    )
    rows = hand.query("""
        select funnel_step, step_unit, trailing_entries, required_entries, actual_entries
        from metrics.mart_funnel_plan where quarter_start = '2025-04-01' order by step_order
    """)
    # Trailing 4 quarters (Q2 2024 .. Q1 2025). Deals: D1 won (10 000 USD); proposals D1,
    # D3 (negotiation is past proposal), D4; SQL opportunities (past qualification) D1, D3,
    # D4, D5; qualification calls D1..D5 (D5 started at demo: filled). Contacts: SQLs P1,
    # P3; MQLs P1, P2, P3; leads P1..P4. Visitor ids a1, a2, a3, a4, a8, a9 (not a1b).
    won = -(-target // 10000)  # ceil(target / 10 000)
    proposals = won * 3  # won / proposals = 1/3
    sql_opportunities = -(-proposals * 4 // 3)  # proposals / SQL opportunities = 3/4
    qualification_calls = -(-sql_opportunities * 5 // 4)  # SQL opps / qual. calls = 4/5
    sqls = -(-qualification_calls * 2 // 5)  # bridge: 5 deals per 2 SQL contacts
    mqls = -(-sqls * 3 // 2)  # SQLs / MQLs = 2/3
    leads = -(-mqls * 4 // 3)  # MQLs / leads = 3/4
    visitors = -(-leads * 6 // 4)  # bridge: 4 leads per 6 visitor ids
    # Q2 2025 so far: D3 won on 04-11; nothing else entered a step.
    assert rows == [
        ("won_deals", "deal", 1, won, 1),
        ("proposals", "deal", 3, proposals, 0),
        ("sql_opportunities", "deal", 4, sql_opportunities, 0),
        ("qualification_calls", "deal", 5, qualification_calls, 0),
        ("sqls", "contact", 2, sqls, 0),
        ("mqls", "contact", 3, mqls, 0),
        ("leads", "contact", 4, leads, 0),
        ("visitors", "visitor id", 6, visitors, 0),
    ]
    assert hand.one(
        "select distinct trailing_window_start from metrics.mart_funnel_plan"
        " where quarter_start = '2025-04-01'"
    ) == dt.date(2024, 4, 1)
