"""Revenue by deal type, contract changes and revenue retention on the hand-built deals.

The story (tests/metrics/handbuilt.py): every deal is new business in the sales pipeline;
D1 wins hs_c1 for 10 000 USD on 2025-02-19, D3 wins hs_c3 for 8 000 EUR = 8 800 USD on
2025-04-11; hs_c1's company churns on 2025-04-20; hs_c5 churned without a won deal. The
snapshot is 2025-04-25.
"""

from __future__ import annotations


def test_contract_changes_follow_the_won_deals_and_the_churn(hand):
    rows = hand.query("""
        select account_key, change_kind, arr_before_usd, arr_after_usd
        from core.fct_customer_contract_changes order by account_key, change_number
    """)
    # hs_c1: 0 -> 10 000 (new), churn 10 000 -> 0; hs_c3: 0 -> 8 800 (new); hs_c5 had no
    # ARR, so its churn changes nothing.
    assert [(a, k, float(b), float(c)) for a, k, b, c in rows] == [
        ("hs_c1", "new", 0.0, 10000.0),
        ("hs_c1", "churn", 10000.0, 0.0),
        ("hs_c3", "new", 0.0, 8800.0),
    ]


def test_revenue_by_type_counts_won_deals_and_new_customers(hand):
    rows = hand.query("""
        select month_start::varchar, deal_type, pipeline_name, won_deals, won_amount_usd,
               new_customers, avg_deal_size_usd
        from metrics.mart_revenue_by_type_monthly order by 1
    """)
    assert [(m, t, p, n, float(u), c, a) for m, t, p, n, u, c, a in rows] == [
        ("2025-02-01", "new_business", "Sales Pipeline", 1, 10000.0, 1, 10000.0),
        ("2025-04-01", "new_business", "Sales Pipeline", 1, 8800.0, 1, 8800.0),
    ]


def test_revenue_retention_of_a_churned_cohort_is_zero(hand):
    # Q2 2025: the Q1 cohort (hs_c1, 10 000 at the start) churns on 04-20:
    # NRR (10 000 + 0 - 0 - 10 000) / 10 000 = 0, GRR (10 000 - 10 000) / 10 000 = 0.
    # hs_c3 (won 04-11) is a Q2 customer: not in Q2's retention.
    rows = hand.query("""
        select cohort_quarter_start::varchar, quarter_start::varchar, customers_at_start,
               start_arr_usd, churned_arr_usd, net_revenue_retention,
               gross_revenue_retention_rate, is_complete_quarter
        from metrics.mart_revenue_retention_quarterly order by 1, 2
    """)
    assert [(a, b, c, float(d), float(e), f, g, h) for a, b, c, d, e, f, g, h in rows] == [
        ("2025-01-01", "2025-04-01", 1, 10000.0, 10000.0, 0.0, 0.0, False)
    ]
    total = hand.one("""
        select start_arr_usd, net_revenue_retention
        from metrics.mart_revenue_retention_quarterly_total where quarter_start = '2025-04-01'
    """)
    assert (float(total[0]), total[1]) == (10000.0, 0.0)
