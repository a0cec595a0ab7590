"""Lead SLA, lead scoring, nurture, funnel plan, revenue efficiency and ROI on the
hand-built warehouse (see tests/metrics/handbuilt.py)."""

from __future__ import annotations

import pytest


def sla(hand, grain, start, dimension="overall", value="all"):
    return hand.one(
        """
        select mqls, mqls_followed_up, mqls_within_sla, pct_within_sla,
               median_hours_to_first_activity, sal_acceptance_rate, recycle_rate
        from metrics.mart_lead_sla
        where period_grain = ? and period_start = ? and dimension = ? and dimension_value = ?
    """,
        [grain, start, dimension, value],
    )


def test_mql_follow_up_sla(hand):
    # January: P1, MQL 01-20 00:00, first call after it 10 h later (the 01-19 call was before).
    assert sla(hand, "month", "2025-01-01") == (1, 1, 1, 100.0, 10.0, 1.0, 0.0)
    # February: P2, reached only through an email listing it second, 48 h later: outside 24 h.
    assert sla(hand, "month", "2025-02-01") == (1, 1, 0, 0.0, 48.0, 0.0, 1.0)
    # Q1: 1 of 2 within the SLA; median of 10 and 48 = 29; 1 SAL; 1 recycled.
    # P3's MQL is inferred (skipped): nobody could follow it up, so it is not counted.
    assert sla(hand, "quarter", "2025-01-01") == (2, 2, 1, 50.0, 29.0, 0.5, 0.5)
    assert sla(hand, "quarter", "2025-01-01", "owner", "hs_2")[:3] == (1, 1, 0)


def test_lead_scoring_by_band(hand):
    rows = hand.query("""
        select score_band, leads, leads_to_sql, leads_to_won from metrics.mart_lead_scoring
        where period_grain = 'quarter' and period_start = '2025-01-01' order by score_band
    """)
    # P2 peaks at 50; P1 (70) and P3 (65) both reach SQL, P1 also customer; P4 has no score.
    assert rows == [("40-59", 1, 0, 0), ("60-79", 2, 2, 1), ("unscored", 1, 0, 0)]


def test_score_mql_vs_crm_mql_agreement(hand):
    row = hand.one("""
        select leads, mql_by_both, mql_by_score_only, mql_by_crm_only, mql_by_neither,
               agreement_rate, median_hours_crm_after_score
        from metrics.mart_lead_scoring_agreement
        where period_grain = 'quarter' and period_start = '2025-01-01'
    """)
    # P1 both (CRM 01-20, score 01-18: 48 h later), P3 score only (CRM MQL inferred),
    # P2 CRM only (score 50), P4 neither -> (1 + 1) / 4.
    assert row == (4, 1, 1, 1, 1, 0.5, 48.0)


def test_nurture_engagement_and_conversion(hand):
    row = hand.one("""
        select emails_delivered, unique_human_opens, unique_clicks, unsubscribes, open_rate,
               nurtured_leads, mql_rate, sql_rate,
               comparable_non_nurtured_mql_rate, comparable_non_nurtured_sql_rate
        from metrics.mart_nurture where nurture_program = 'getting-started'
    """)
    # Delivered m1, m2 (m3 bounced). m1's only open is a machine's: 1 human open (m2);
    # m1 clicked twice = 1 unique click; m2 unsubscribed. Nurtured leads P1, P2 both MQL,
    # P1 SQL. Non-nurtured Q1 leads P3 (MQL, SQL) and P4 (neither): 0.5 and 0.5.
    assert row == (2, 1, 1, 1, 0.5, 2, 1.0, 0.5, 0.5, 0.5)


def test_reverse_funnel_plan(hand):
    target = float(
        hand.one(
            "select revenue_target_usd from seeds.metrics_revenue_targets"
            " where quarter_start = '2025-04-01'"
        )
    )
    rows = hand.query("""
        select funnel_step, trailing_entries, required_entries, actual_entries
        from metrics.mart_funnel_plan where quarter_start = '2025-04-01' order by step_order
    """)
    # Trailing 4 quarters (Q2 2024 .. Q1 2025): 1 won deal of 10 000; proposals D1, D3, D4;
    # SQLs P1, P3; MQLs P1, P2, P3; leads P1..P4; visitors P1, P2, P4 and one anonymous.
    won = -(-target // 10000)  # ceil(target / 10 000)
    proposals = won * 3  # won / proposals = 1/3
    sqls = -(-proposals // 1.5)  # proposals / SQLs = 3/2
    mqls = -(-sqls * 3 // 2)  # SQLs / MQLs = 2/3
    leads = -(-mqls * 4 // 3)  # MQLs / leads = 3/4
    visitors = leads  # leads / visitors = 4/4
    assert rows == [
        ("won_deals", 1, won, 1),
        ("proposals", 3, proposals, 0),
        ("sqls", 2, sqls, 0),
        ("mqls", 3, mqls, 0),
        ("leads", 4, leads, 0),
        ("visitors", 4, visitors, 0),
    ]


def test_reverse_funnel_without_history_needs_null_not_an_error(hand):
    assert hand.query("""
        select distinct required_entries from metrics.mart_funnel_plan
        where quarter_start = '2025-01-01'
    """) == [(None,)]


def seed_costs(hand, month):
    program = hand.one(
        "select coalesce(sum(cost_usd), 0) from seeds.metrics_program_costs where month_start = ?",
        [month],
    )
    sales = hand.one(
        "select coalesce(sum(cost_usd), 0) from seeds.metrics_sales_costs where month_start = ?",
        [month],
    )
    return float(program), float(sales)


def test_cac_romi_and_incremental_romi(hand):
    rows = {
        str(r[0]): r[1:]
        for r in hand.query("""
        select period_start, marketing_cost_usd, sales_cost_usd, new_customers, cac_usd,
               won_revenue_usd, romi, incremental_romi, incremental_romi_note
        from metrics.mart_revenue_efficiency where period_grain = 'month'
    """)
    }
    jan_program, _ = seed_costs(hand, "2025-01-01")
    feb_program, feb_sales = seed_costs(hand, "2025-02-01")
    jan_marketing = 1000 + jan_program
    feb_marketing = 2000 + feb_program
    marketing, sales, new, cac, revenue, romi, incremental, note = rows["2025-02-01"]
    assert (float(marketing), float(sales), new) == (feb_marketing, feb_sales, 1)  # hs_c1
    assert cac == pytest.approx(feb_marketing + feb_sales)
    assert float(revenue) == 10000.0
    assert romi == pytest.approx((10000 - feb_marketing) / feb_marketing)
    assert incremental == pytest.approx((10000 - 0) / (feb_marketing - jan_marketing))
    assert note is None
    # January: no new customer -> CAC NULL; the first period (Dec 2024, hs_c5's win) has no
    # previous period.
    assert rows["2025-01-01"][3] is None
    assert rows["2024-12-01"][6:] == (None, "no previous period")


def roi(hand, start, channel, campaign, model):
    return hand.one(
        """
        select attributed_revenue_usd, marketing_cost_usd, roas, romi, incremental_romi,
               incremental_romi_note
        from metrics.mart_marketing_roi
        where period_grain = 'month' and period_start = ? and channel = ? and campaign_key = ?
          and attribution_model = ?
    """,
        [start, channel, campaign, model],
    )


def test_roas_and_romi_by_channel_campaign_and_model(hand):
    # February, linear: 6 000 credited to google_ads:1 for 2 000 spend.
    revenue, cost, roas, romi, incremental, note = roi(
        hand, "2025-02-01", "paid_search", "google_ads:1", "linear"
    )
    assert (revenue, cost, roas, romi) == (6000.0, 2000.0, 3.0, 2.0)
    # Δ revenue 6 000 - 0 over Δ budget 2 000 - 1 000.
    assert (incremental, note) == (6.0, None)
    # The same month under first touch: all 10 000.
    assert roi(hand, "2025-02-01", "paid_search", "google_ads:1", "first_touch")[2] == 5.0
    # March: budget unchanged (2 000 -> 2 000): undefined, said so, no division error.
    assert roi(hand, "2025-03-01", "paid_search", "google_ads:1", "linear")[4:] == (
        None,
        "no budget change",
    )
    # April: (8 800 - 0) / (500 - 2 000).
    assert roi(hand, "2025-04-01", "paid_search", "google_ads:1", "linear")[4] == pytest.approx(
        8800 / -1500
    )
    # Email has program cost but no ad spend: ROAS NULL, ROMI defined.
    email_program, _ = seed_costs(hand, "2025-02-01")
    revenue, cost, roas, romi, _, _ = roi(hand, "2025-02-01", "email", "(none)", "linear")
    assert (revenue, float(cost), roas) == (4000.0, email_program, None)
    assert romi == pytest.approx((4000 - email_program) / email_program)


def test_no_infinite_or_nan_ratios_anywhere(hand):
    for table, columns in {
        "mart_marketing_roi": ["roas", "romi", "incremental_romi"],
        "mart_revenue_efficiency": ["cac_usd", "romi", "incremental_romi"],
        "mart_funnel_conversion": ["conversion_rate"],
        "mart_pipeline_coverage": ["coverage_ratio"],
    }.items():
        condition = " or ".join(f"isinf({c}) or isnan({c})" for c in columns)
        assert hand.query(f"select * from metrics.{table} where {condition}") == [], table
