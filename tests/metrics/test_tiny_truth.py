"""The metric marts agree with what the demo company's simulator knows really happened.

Builds the tiny demo warehouse (raw ingestion + the whole dbt project) once per session and
compares with the truth files it wrote (docs/landing-formats.md, "Truth details").
"""

from __future__ import annotations

import csv
import subprocess
from collections import Counter
from decimal import Decimal

import pytest

from tests.metrics.semantic import mf_query, prepare_project


def _quarter(iso: str) -> str:
    month = int(iso[5:7])
    return f"{iso[:4]}-{(month - 1) // 3 * 3 + 1:02d}-01"


def _one(tiny, sql: str):
    return tiny.query(sql)[0][0]


def _truth(tiny, name):
    with (tiny.truth / name).open() as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def built(tiny):
    failures = [line for line in tiny.dbt_output.splitlines() if "FAIL" in line or "ERROR" in line]
    assert tiny.dbt_returncode == 0, "\n".join(failures[-30:]) or tiny.dbt_output[-3000:]
    return tiny


@pytest.fixture(scope="module")
def sales_by_quarter(built):
    # One row per month and slice: a quarter is the sum of its rows, the rate the ratio of
    # the sums (docs/bi-contract.md §1).
    return {
        str(row[0]): row[1:]
        for row in built.query("""
        select cast(date_trunc('quarter', month_start) as date), sum(won_deals),
               sum(lost_deals), sum(won_revenue_usd), sum(won_deals) / sum(closed_deals)
        from metrics.mart_sales_performance group by 1
    """)
    }


def test_won_deals_revenue_and_win_rate_per_quarter_match_the_truth(built, sales_by_quarter):
    won, lost, revenue = Counter(), Counter(), Counter()
    for deal in _truth(built, "deals.csv"):
        if deal["outcome"] == "won":
            won[_quarter(deal["closed_at"])] += 1
            revenue[_quarter(deal["closed_at"])] += Decimal(deal["amount_usd"])
        elif deal["outcome"] == "lost":
            lost[_quarter(deal["closed_at"])] += 1
    quarters = set(won) | set(lost)
    got = {
        q: (w, lo, Decimal(r).quantize(Decimal("0.01")))
        for q, (w, lo, r, _) in sales_by_quarter.items()
    }
    assert got == {q: (won[q], lost[q], revenue[q]) for q in quarters}
    assert {q: row[3] for q, row in sales_by_quarter.items()} == pytest.approx(
        {q: won[q] / (won[q] + lost[q]) for q in quarters}
    )
    assert sum(won.values()) > 0 and sum(lost.values()) > 0


def test_churned_and_new_customers_per_quarter_match_the_truth(built):
    companies = _truth(built, "companies.csv")
    churned = Counter(_quarter(c["churned_at"]) for c in companies if c["churned_at"])
    new = Counter(_quarter(c["customer_at"]) for c in companies if c["customer_at"])
    won_and_lost = Counter(
        _quarter(c["churned_at"])
        for c in companies
        if c["customer_at"]
        and c["churned_at"]
        and _quarter(c["customer_at"]) == _quarter(c["churned_at"])
    )
    rows = built.query("""
        select quarter_start, sum(new_customers), sum(lost_customers),
               sum(won_and_lost_in_period)
        from metrics.mart_customer_churn_quarterly group by 1
    """)
    assert {str(q): n for q, n, _, _ in rows if n} == dict(new)
    # Every churn of the quarter is either a customer at its start (lost_customers, the
    # rate's numerator) or one won and lost inside it (its own column).
    assert {str(q): lost + both for q, _, lost, both in rows if lost + both} == dict(churned)
    assert {str(q): both for q, _, _, both in rows if both} == dict(won_and_lost)
    assert sum(churned.values()) > 0


def test_open_pipeline_at_the_snapshot_matches_the_truths_open_deals(built):
    open_deals = [d for d in _truth(built, "deals.csv") if d["outcome"] == "open"]
    assert _one(
        built,
        """
        select sum(open_deals) from metrics.mart_pipeline
    """,
    ) == len(open_deals)


def test_one_usd_amount_per_deal(built):
    # docs/bi-contract.md §6: the pipeline values an open deal as fct_opportunities does
    # (snapshot day's rate); every deal of the slipped-deals mart has fct's amount.
    assert (
        _one(
            built,
            """
        select count(*) from intermediate.int_metrics__pipeline_deals as pipeline
        inner join core.fct_opportunities as deals using (opportunity_key)
        where pipeline.is_open and pipeline.amount = deals.amount
          and pipeline.amount_usd is distinct from deals.amount_usd
    """,
        )
        == 0
    )
    assert (
        _one(
            built,
            """
        select count(*) from metrics.mart_pipeline_slipped_deals as slipped
        inner join core.fct_opportunities as deals using (opportunity_key)
        where slipped.amount_usd is distinct from deals.amount_usd
    """,
        )
        == 0
    )


def test_mf_win_rate_by_quarter_matches_the_mart(built, sales_by_quarter, tmp_path):
    project, env = prepare_project(tmp_path, built.warehouse)
    rows = mf_query(project, env, ["win_rate"], ["metric_time__quarter"], tmp_path / "win.csv")
    assert {row["metric_time__quarter"][:10]: float(row["win_rate"]) for row in rows} == (
        pytest.approx({q: v[3] for q, v in sales_by_quarter.items()})
    )


def test_every_metric_mart_has_rows_on_the_demo(built):
    marts = [
        name
        for (name,) in built.query("""
        select table_name from information_schema.tables
        where table_schema = 'metrics' and table_name like 'mart_%'
    """)
    ]
    empty = [m for m in marts if _one(built, f"select count(*) from metrics.{m}") == 0]
    assert len(marts) >= 16 and empty == []


def test_summary_dashboard_prints_every_section(built):
    import os
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "reporting.summary"],
        env={**os.environ, "CLOSEDLOOP_WAREHOUSE": str(built.warehouse)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    for heading in [
        "Funnel",
        "Velocity",
        "Sales",
        "Pipeline coverage",
        "Top channels",
        "Quarantine",
        "Raw sources",
    ]:
        assert heading in done.stdout, heading
