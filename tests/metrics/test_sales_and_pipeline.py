"""Sales performance, pipeline, coverage, slippage and churn on the hand-built deals.

The marts have one grain each (docs/bi-contract.md §1): a quarter or a whole slice is read
the way a BI user would, by summing the parts and dividing the sums.
"""

from __future__ import annotations

import pytest

SALES = """
    select sum(won_deals), sum(lost_deals),
           sum(won_deals) / sum(closed_deals),
           sum(won_revenue_usd),
           sum(won_revenue_usd) / nullif(sum(won_deals), 0),
           sum(won_sales_cycle_days_total) / nullif(sum(won_deals), 0)
    from metrics.mart_sales_performance
    where month_start between ? and ? and {where}
"""


def perf(hand, first, last, where="true"):
    return hand.one(SALES.format(where=where), [first, last])


def test_win_rate_deal_size_and_cycle_per_quarter(hand):
    # Q1: D1 won (10 000 USD, 01-10 -> 02-19 = 40 days), D2 lost.
    won, lost, win_rate, revenue, size, cycle = perf(hand, "2025-01-01", "2025-03-31")
    assert (won, lost, win_rate, float(revenue), float(size), cycle) == (
        1,
        1,
        0.5,
        10000.0,
        10000.0,
        40.0,
    )
    # Q2: D3 won, 8 000 EUR booked as 8 800 USD; 02-01 -> 04-11 = 28 + 31 + 10 = 69 days.
    won, lost, win_rate, revenue, size, cycle = perf(hand, "2025-04-01", "2025-06-30")
    assert (won, lost, win_rate, float(revenue), float(size), cycle) == (
        1,
        0,
        1.0,
        8800.0,
        8800.0,
        69.0,
    )


def test_one_row_per_month_and_finest_slice(hand):
    rows = hand.query("""
        select cast(month_start as varchar), owner_key, owner_team, company_size_band,
               industry, source_channel, closed_deals, won_deals, lost_deals
        from metrics.mart_sales_performance order by 1
    """)
    # D1 (Feb, hs_1, hs_c1 paid search), D2 (Mar, hs_2, hs_c2 organic search), D3 (Apr,
    # hs_1, hs_c3 paid search): three rows, one deal each, no total or period-grain rows.
    assert [(r[0], r[1], r[2], r[5], r[6:]) for r in rows] == [
        ("2025-02-01", "hs_1", "AE EMEA", "paid_search", (1, 1, 0)),
        ("2025-03-01", "hs_2", "AE NA", "organic_search", (1, 0, 1)),
        ("2025-04-01", "hs_1", "AE EMEA", "paid_search", (1, 1, 0)),
    ]
    assert [(r[3], r[4]) for r in rows] == [
        ("1-49", "SOFTWARE"),
        ("200-999", "RETAIL"),
        ("50-199", "SOFTWARE"),
    ]


def test_only_lost_deals_gives_zero_win_rate_and_null_deal_size(hand):
    # March: only D2 (lost). Win rate 0/1; average deal size and cycle have no won deal.
    assert hand.one("""
        select won_deals, lost_deals, win_rate, won_revenue_usd, avg_deal_size_usd,
               avg_sales_cycle_days
        from metrics.mart_sales_performance where month_start = '2025-03-01'
    """) == (0, 1, 0.0, 0, None, None)


def test_sales_performance_by_rep_and_source(hand):
    q1 = ("2025-01-01", "2025-03-31")
    assert perf(hand, *q1, "owner_key = 'hs_2'")[:3] == (0, 1, 0.0)
    assert perf(hand, *q1, "source_channel = 'paid_search'")[:3] == (1, 0, 1.0)


def test_loss_reasons(hand):
    assert hand.query("""
        select loss_reason, sum(lost_deals), sum(lost_amount_usd)
        from metrics.mart_sales_loss_reasons
        where month_start between '2025-01-01' and '2025-03-31' group by 1
    """) == [("Price", 1, 5000)]


def test_default_snapshot_is_the_latest_data_date(hand):
    assert str(hand.one("select distinct snapshot_date from metrics.mart_pipeline")) == "2025-04-25"


def test_open_pipeline_and_weighted_pipeline_as_of_the_snapshot(hand):
    rows = hand.query("""
        select owner_key, deal_stage_id, cast(month_start as varchar), open_deals,
               open_amount_usd, weighted_amount_usd
        from metrics.mart_pipeline order by owner_key
    """)
    # D5: 2 000 EUR at the snapshot day's rate 1.20 = 2 400 USD, demo scheduled p=0.2 -> 480,
    # expected 06-20. D4: 4 000 USD (raised from 3 000 on 04-02), proposal sent p=0.6 ->
    # 2 400, expected 05-15.
    assert [(o, s, m, n, float(a), float(w)) for o, s, m, n, a, w in rows] == [
        ("hs_2", "demoscheduled", "2025-06-01", 1, 2400.0, 480.0),
        ("hs_3", "proposalsent", "2025-05-01", 1, 4000.0, 2400.0),
    ]


def test_pipeline_as_of_an_earlier_snapshot_uses_the_history(hand_march):
    rows = hand_march.query("""
        select month_start, deal_stage_id, open_amount_usd, weighted_amount_usd
        from metrics.mart_pipeline order by 1, 2
    """)
    # On 2025-03-31: D3 still open in negotiation (8 000 EUR x 1.10, close 04-10, p=0.8),
    # D4 at 3 000 (the raise came 04-02) in proposal sent, D5 2 000 EUR x 1.10 closing 04-30.
    assert [(str(p), s, float(a), float(w)) for p, s, a, w in rows] == [
        ("2025-04-01", "demoscheduled", 2200.0, 440.0),
        ("2025-04-01", "negotiation", 8800.0, 7040.0),
        ("2025-05-01", "proposalsent", 3000.0, 1800.0),
    ]


def test_pipeline_coverage_per_rep_and_missing_quota(hand):
    rows = {
        r[0]: r[1:]
        for r in hand.query("""
        select owner_key, open_pipeline_usd, quota_usd, coverage_ratio, coverage_note
        from metrics.mart_pipeline_coverage where quarter_start = '2025-04-01'
    """)
    }
    # Reps only: no total row.
    assert set(rows) == {"hs_1", "hs_2", "hs_3"}
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


def test_pipeline_coverage_total_is_a_ratio_of_sums(hand):
    total = hand.one("""
        select open_pipeline_usd, quota_usd, coverage_ratio, pipeline_without_quota_usd,
               coverage_note
        from metrics.mart_pipeline_coverage_total where quarter_start = '2025-04-01'
    """)
    # (2 400 + 4 000) / (20 000 + 12 000) = 0.2, with the quota-less 4 000 noted.
    assert (float(total[0]), float(total[1]), total[2], float(total[3])) == (
        6400.0,
        32000.0,
        pytest.approx(0.2),
        4000.0,
    )
    assert total[4] == "part of the pipeline has no quota"


def slippage(hand, start, owner=None):
    table = "mart_deal_slippage_quarterly" + ("" if owner else "_total")
    return hand.one(
        f"""
        select deals_expected, deals_won_in_quarter, deals_slipped, slippage_rate
        from metrics.{table}
        where quarter_start = ? {"and owner_key = ?" if owner else ""}
    """,
        [start, owner] if owner else [start],
    )


def test_slippage_rate_is_a_fraction(hand):
    # Q1: expected D1 (02-28), D2 (03-15), D3 (03-31 when created); only D1 won -> 2/3.
    assert slippage(hand, "2025-01-01") == (3, 1, 2, pytest.approx(2 / 3))
    # Per rep: hs_1 expected D1 (won) and D3 (pushed) -> 1/2; hs_2 D2 (lost) -> 1/1.
    assert slippage(hand, "2025-01-01", "hs_1") == (2, 1, 1, 0.5)
    assert slippage(hand, "2025-01-01", "hs_2") == (1, 0, 1, 1.0)
    # Q2 at its start: D3 (moved to 04-10 on 03-25, won 04-11), D4 (05-15) and D5 (04-30,
    # pushed to 06-20, still in Q2) -> D4 and D5 not won by the snapshot: 2/3.
    assert slippage(hand, "2025-04-01") == (3, 1, 2, pytest.approx(2 / 3))


def test_slipped_deals_are_listed_with_why(hand):
    rows = hand.query("""
        select quarter_start, opportunity_key, slip_status, expected_close_date_at_commit,
               expected_close_date_at_quarter_end, amount_usd
        from metrics.mart_pipeline_slipped_deals order by 1, 2
    """)
    assert [(str(p), k, s, str(a), str(b), float(u)) for p, k, s, a, b, u in rows] == [
        ("2025-01-01", "hs_2", "lost", "2025-03-15", "2025-03-15", 5000.0),
        ("2025-01-01", "hs_3", "pushed", "2025-03-31", "2025-04-10", 8800.0),
        ("2025-04-01", "hs_4", "not_closed", "2025-05-15", "2025-05-15", 4000.0),
        ("2025-04-01", "hs_5", "not_closed", "2025-04-30", "2025-06-20", 2400.0),
    ]


def churn(hand, grain, start):
    return hand.one(
        f"""
        select sum(customers_at_start), sum(new_customers), sum(lost_customers),
               sum(won_and_lost_in_period), sum(customers_at_end),
               sum(lost_customers) / nullif(sum(customers_at_start), 0)
        from metrics.mart_customer_churn_{grain}ly
        where {grain}_start = ?
    """,
        [start],
    )


def test_churn_rate(hand):
    # hs_c5 customer since 2024-12-15 (CRM churn 03-10), hs_c1 since 02-19 (churn 04-20),
    # hs_c3 since 04-11.
    assert churn(hand, "month", "2024-12-01") == (0, 1, 0, 0, 1, None)  # nobody at the start
    assert churn(hand, "month", "2025-01-01") == (1, 0, 0, 0, 1, 0.0)  # an empty month has rows
    assert churn(hand, "month", "2025-03-01") == (2, 0, 1, 0, 1, 0.5)
    assert churn(hand, "month", "2025-04-01") == (1, 1, 1, 0, 1, 1.0)
    assert churn(hand, "quarter", "2025-01-01") == (1, 1, 1, 0, 1, 1.0)
    assert churn(hand, "quarter", "2025-04-01") == (1, 1, 1, 0, 1, 1.0)


def test_churn_has_no_period_after_the_snapshot(hand):
    assert (
        str(hand.one("select max(month_start) from metrics.mart_customer_churn_monthly"))
        == "2025-04-01"
    )
