"""The sales semantic layer answers like the marts: `mf query` (a subprocess, as a user runs
it) for every sales, pipeline and churn headline metric of sem_sales.yml, against the
one-grain marts summed the way a BI user would, and against hand-worked values."""

from __future__ import annotations

import pytest

from tests.metrics.semantic import mf_query, prepare_project


@pytest.fixture(scope="module")
def hand_mf(tmp_path_factory, hand):
    workdir = tmp_path_factory.mktemp("mf_hand")
    project, env = prepare_project(workdir, hand.warehouse)
    return lambda metrics, group_by: mf_query(
        project, env, metrics, group_by, workdir / f"{'_'.join(metrics)}.csv"
    )


def _by_quarter(rows, metric):
    return {
        row["metric_time__quarter"][:10]: (float(row[metric]) if row[metric] else None)
        for row in rows
    }


def _mart(hand, sql):
    return {str(row[0]): (None if row[1] is None else float(row[1])) for row in hand.query(sql)}


SALES_METRICS = ["win_rate", "average_deal_size_usd", "average_sales_cycle_days"]


def test_mf_sales_metrics_match_the_mart(hand, hand_mf):
    rows = hand_mf(SALES_METRICS, ["metric_time__quarter"])
    parts = {
        "win_rate": "sum(won_deals) / sum(closed_deals)",
        "average_deal_size_usd": "sum(won_revenue_usd) / nullif(sum(won_deals), 0)",
        "average_sales_cycle_days": "sum(won_sales_cycle_days_total) / nullif(sum(won_deals), 0)",
    }
    for metric, expression in parts.items():
        mart = _mart(
            hand,
            f"""
            select cast(date_trunc('quarter', month_start) as date), {expression}
            from metrics.mart_sales_performance group by 1
        """,
        )
        assert _by_quarter(rows, metric) == pytest.approx(mart), metric
    # Hand-worked: Q1 D1 won, D2 lost; Q2 D3 won (8 800 USD, 69 days).
    assert _by_quarter(rows, "win_rate") == {"2025-01-01": 0.5, "2025-04-01": 1.0}
    assert _by_quarter(rows, "average_deal_size_usd")["2025-04-01"] == 8800.0
    assert _by_quarter(rows, "average_sales_cycle_days")["2025-01-01"] == 40.0


def test_mf_weighted_pipeline_matches_the_mart(hand, hand_mf):
    rows = hand_mf(["weighted_pipeline_usd"], ["metric_time__quarter"])
    mart = _mart(
        hand,
        """
        select cast(date_trunc('quarter', month_start) as date), sum(weighted_amount_usd)
        from metrics.mart_pipeline group by 1
    """,
    )
    assert _by_quarter(rows, "weighted_pipeline_usd") == pytest.approx(mart)
    # D4 4 000 × 0.6 + D5 2 400 × 0.2, both expected in Q2.
    assert _by_quarter(rows, "weighted_pipeline_usd") == pytest.approx({"2025-04-01": 2880.0})


def test_mf_pipeline_coverage_matches_the_total_table(hand, hand_mf):
    rows = hand_mf(["pipeline_coverage"], ["metric_time__quarter"])
    mart = _mart(
        hand, "select quarter_start, coverage_ratio from metrics.mart_pipeline_coverage_total"
    )
    assert _by_quarter(rows, "pipeline_coverage") == pytest.approx(mart)
    # (2 400 + 4 000) / (20 000 + 12 000).
    assert _by_quarter(rows, "pipeline_coverage")["2025-04-01"] == pytest.approx(0.2)


def test_mf_slippage_rate_matches_the_total_table(hand, hand_mf):
    rows = hand_mf(["slippage_rate"], ["metric_time__quarter"])
    mart = _mart(
        hand, "select quarter_start, slippage_rate from metrics.mart_deal_slippage_quarterly_total"
    )
    assert _by_quarter(rows, "slippage_rate") == pytest.approx(mart)
    assert _by_quarter(rows, "slippage_rate") == pytest.approx(
        {"2025-01-01": 2 / 3, "2025-04-01": 2 / 3}
    )


def test_mf_churn_rate_matches_the_quarterly_mart(hand, hand_mf):
    rows = hand_mf(["churn_rate"], ["metric_time__quarter"])
    mart = _mart(
        hand,
        """
        select quarter_start, sum(lost_customers) / nullif(sum(customers_at_start), 0)
        from metrics.mart_customer_churn_quarterly group by 1
    """,
    )
    churn = _by_quarter(rows, "churn_rate")
    assert churn == pytest.approx(mart)
    # Customers at a quarter's start are a stock, not the sum of three months: Q1 hs_c5
    # lost of hs_c5 = 1; Q2 hs_c1 lost of hs_c1 = 1.
    assert (churn["2025-01-01"], churn["2025-04-01"]) == (1.0, 1.0)
