"""The semantic layer answers like the marts: `mf query` (a subprocess, as a user runs it)."""

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


def test_mf_sales_metrics_match_the_mart(hand, hand_mf):
    rows = hand_mf(
        ["win_rate", "average_deal_size_usd", "average_sales_cycle_days"], ["metric_time__quarter"]
    )
    mart = hand.query("""
        select period_start, win_rate, avg_deal_size_usd, avg_sales_cycle_days
        from metrics.mart_sales_performance
        where period_grain = 'quarter' and dimension = 'overall'
    """)
    for column, metric in enumerate(
        ["win_rate", "average_deal_size_usd", "average_sales_cycle_days"], start=1
    ):
        assert _by_quarter(rows, metric) == pytest.approx(
            {str(row[0]): row[column] for row in mart}
        ), metric
    assert _by_quarter(rows, "win_rate") == {"2025-01-01": 0.5, "2025-04-01": 1.0}


def test_mf_stage_conversion_matches_the_quarterly_cohort_rows(hand, hand_mf):
    rows = hand_mf(["stage_conversion_rate"], ["metric_time__quarter", "funnel_row__from_stage"])
    got = {
        row["funnel_row__from_stage"]: float(row["stage_conversion_rate"])
        for row in rows
        if row["metric_time__quarter"].startswith("2025-01-01")
    }
    mart = dict(
        hand.query("""
        select from_stage, conversion_rate from metrics.mart_funnel_conversion
        where period_grain = 'quarter' and period_start = '2025-01-01' and basis = 'cohort'
          and level = 'contact' and dimension = 'overall'
    """)
    )
    assert got == pytest.approx(mart)


def test_mf_churn_pipeline_coverage_and_cac(hand, hand_mf):
    rows = hand_mf(
        ["churn_rate_pct", "pipeline_coverage", "cac_usd", "romi"], ["metric_time__quarter"]
    )
    churn = _by_quarter(rows, "churn_rate_pct")
    # Customers at a quarter's start are its first month's, not the sum of three months.
    assert (churn["2025-01-01"], churn["2025-04-01"]) == (100.0, 100.0)
    assert _by_quarter(rows, "pipeline_coverage")["2025-04-01"] == pytest.approx(0.2)
    cac = hand.one("""
        select sum(marketing_cost_usd + sales_cost_usd) / sum(new_customers)
        from metrics.mart_revenue_efficiency
        where period_grain = 'month' and period_start between '2025-04-01' and '2025-06-30'
    """)
    assert _by_quarter(rows, "cac_usd")["2025-04-01"] == pytest.approx(float(cac))
