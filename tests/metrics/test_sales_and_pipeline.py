"""Sales performance, pipeline, coverage, slippage and churn on the hand-built deals."""

from __future__ import annotations

import pytest


def perf(hand, grain, start, dimension="overall", value="all"):
    return hand.one(
        """
        select won_deals, lost_deals, win_rate, won_revenue_usd, avg_deal_size_usd,
               avg_sales_cycle_days, top_loss_reason
        from metrics.mart_sales_performance
        where period_grain = ? and period_start = ? and dimension = ? and dimension_value = ?
    """,
        [grain, start, dimension, value],
    )


def test_win_rate_deal_size_and_cycle_per_quarter(hand):
    # Q1: D1 won (10 000 USD, 01-10 -> 02-19 = 40 days), D2 lost (Price).
    won, lost, win_rate, revenue, size, cycle, reason = perf(hand, "quarter", "2025-01-01")
    assert (won, lost, win_rate, float(revenue), size, cycle, reason) == (
        1,
        1,
        0.5,
        10000.0,
        10000.0,
        40.0,
        "Price",
    )
    # Q2: D3 won, 8 000 EUR booked as 8 800 USD; 02-01 -> 04-11 = 28 + 31 + 10 = 69 days.
    won, lost, win_rate, revenue, size, cycle, reason = perf(hand, "quarter", "2025-04-01")
    assert (won, lost, win_rate, float(revenue), size, cycle, reason) == (
        1,
        0,
        1.0,
        8800.0,
        8800.0,
        69.0,
        None,
    )


def test_only_lost_deals_gives_zero_win_rate_and_null_deal_size(hand):
    # March: only D2 (lost). Win rate 0/1; average deal size and cycle have no won deal.
    won, lost, win_rate, revenue, size, cycle, _ = perf(hand, "month", "2025-03-01")
    assert (won, lost, win_rate, float(revenue), size, cycle) == (0, 1, 0.0, 0.0, None, None)


def test_sales_performance_by_rep_and_source(hand):
    assert perf(hand, "quarter", "2025-01-01", "owner", "hs_2")[:3] == (0, 1, 0.0)
    assert perf(hand, "quarter", "2025-01-01", "source", "paid_search")[:3] == (1, 0, 1.0)


def test_loss_reasons(hand):
    assert hand.query("""
        select loss_reason, lost_deals, share_of_lost_deals from metrics.mart_sales_loss_reasons
        where period_grain = 'quarter' and dimension = 'overall'
    """) == [("Price", 1, 1.0)]


def test_default_snapshot_is_the_latest_data_date(hand):
    assert str(hand.one("select distinct snapshot_date from metrics.mart_pipeline")) == "2025-04-25"


def test_open_pipeline_and_weighted_pipeline_as_of_the_snapshot(hand):
    rows = hand.query("""
        select owner_key, deal_stage_id, open_deals, open_amount_usd, weighted_amount_usd
        from metrics.mart_pipeline
        where period_grain = 'quarter' order by owner_key
    """)
    # D5: 2 000 EUR at the snapshot day's rate 1.20 = 2 400 USD, demo scheduled p=0.2 -> 480.
    # D4: 4 000 USD (raised from 3 000 on 04-02), proposal sent p=0.6 -> 2 400.
    assert [(o, s, n, float(a), float(w)) for o, s, n, a, w in rows] == [
        ("hs_2", "demoscheduled", 1, 2400.0, 480.0),
        ("hs_3", "proposalsent", 1, 4000.0, 2400.0),
    ]


def test_pipeline_as_of_an_earlier_snapshot_uses_the_history(hand_march):
    rows = hand_march.query("""
        select expected_close_period_start, deal_stage_id, open_amount_usd, weighted_amount_usd
        from metrics.mart_pipeline
        where period_grain = 'month' order by 1, 2
    """)
    # On 2025-03-31: D3 still open in negotiation (8 000 EUR x 1.10, close 04-10, p=0.8),
    # D4 at 3 000 (the raise came 04-02) in proposal sent, D5 2 000 EUR x 1.10 closing 04-30.
    assert [(str(p), s, float(a), float(w)) for p, s, a, w in rows] == [
        ("2025-04-01", "demoscheduled", 2200.0, 440.0),
        ("2025-04-01", "negotiation", 8800.0, 7040.0),
        ("2025-05-01", "proposalsent", 3000.0, 1800.0),
    ]


def test_pipeline_coverage_per_rep_total_and_missing_quota(hand):
    rows = {
        r[0]: r[1:]
        for r in hand.query("""
        select owner_key, open_pipeline_usd, quota_usd, coverage_ratio, coverage_note
        from metrics.mart_pipeline_coverage where period_start = '2025-04-01'
    """)
    }
    # hs_2: 2 400 / 12 000 = 0.2. hs_1: nothing open / 20 000 = 0.
    assert (float(rows["hs_2"][0]), float(rows["hs_2"][1]), rows["hs_2"][2]) == (
        2400.0,
        12000.0,
        0.2,
    )
    assert rows["hs_1"][2] == 0.0
    # hs_3 has 4 000 open and no quota: coverage NULL, said so.
    assert (float(rows["hs_3"][0]), rows["hs_3"][1], rows["hs_3"][2], rows["hs_3"][3]) == (
        4000.0,
        None,
        None,
        "no quota",
    )
    # Total: (2 400 + 4 000) / (20 000 + 12 000) = 0.2, with the quota-less part noted.
    total = rows["__all__"]
    assert (float(total[0]), float(total[1]), total[2]) == (6400.0, 32000.0, pytest.approx(0.2))
    assert total[3] == "part of the pipeline has no quota"


def slippage(hand, grain, start):
    return hand.one(
        """
        select deals_expected, deals_won_in_period, deals_slipped, slippage_rate_pct
        from metrics.mart_deal_slippage
        where period_grain = ? and period_start = ? and owner_key = '__all__'
    """,
        [grain, start],
    )


def test_slippage_rate(hand):
    # Q1: expected D1 (02-28), D2 (03-15), D3 (03-31 when created); only D1 won -> 2/3.
    assert slippage(hand, "quarter", "2025-01-01") == (3, 1, 2, pytest.approx(200 / 3))
    # February: D1 alone, won -> 0 %.
    assert slippage(hand, "month", "2025-02-01") == (1, 1, 0, 0.0)
    # April: D3 (moved to 04-10 on 03-25, won 04-11) and D5 (04-30, pushed 04-25) -> 50 %.
    assert slippage(hand, "month", "2025-04-01") == (2, 1, 1, 50.0)


def test_slipped_deals_are_listed_with_why(hand):
    rows = hand.query("""
        select period_start, opportunity_key, slip_status, expected_close_date_at_commit,
               expected_close_date_at_period_end
        from metrics.mart_pipeline_slipped_deals where period_grain = 'month' order by 1, 2
    """)
    assert [(str(p), k, s, str(a), str(b)) for p, k, s, a, b in rows] == [
        ("2025-03-01", "hs_2", "lost", "2025-03-15", "2025-03-15"),
        ("2025-03-01", "hs_3", "pushed", "2025-03-31", "2025-04-10"),
        ("2025-04-01", "hs_5", "pushed", "2025-04-30", "2025-06-20"),
    ]


def churn(hand, grain, start):
    return hand.one(
        """
        select customers_at_start, new_customers, lost_customers, customers_at_end, churn_rate_pct
        from metrics.mart_customer_churn
        where period_grain = ? and period_start = ? and dimension = 'overall'
    """,
        [grain, start],
    )


def test_churn_rate(hand):
    # hs_c5 customer since 2024-12-15 (CRM churn 03-10), hs_c1 since 02-19 (churn 04-20),
    # hs_c3 since 04-11.
    assert churn(hand, "month", "2024-12-01") == (0, 1, 0, 1, None)  # nobody at the start
    assert churn(hand, "month", "2025-01-01") == (1, 0, 0, 1, 0.0)  # an empty month has a row
    assert churn(hand, "month", "2025-03-01") == (2, 0, 1, 1, 50.0)
    assert churn(hand, "month", "2025-04-01") == (1, 1, 1, 1, 100.0)
    assert churn(hand, "quarter", "2025-01-01") == (1, 1, 1, 1, 100.0)


def test_churn_has_no_period_after_the_snapshot(hand):
    assert (
        str(
            hand.one("""
        select max(period_start) from metrics.mart_customer_churn where period_grain = 'month'
    """)
        )
        == "2025-04-01"
    )
