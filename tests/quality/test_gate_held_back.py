"""The per-table gate (docs/resilience.md §2) on the hand-made warehouse.

Each corruption fails exactly the matching check; `publish` still runs and holds back that
table and the tables downstream of it (their previous rows stay, `_published_tables` names
the check and the offending rows), every other table is published fresh.
"""

from __future__ import annotations

import duckdb
import pytest

from tests.quality import gate_warehouse as gate
from tests.quality.gate_run import (
    DOWNSTREAM,
    assert_held_back,
    gate_env,
    published_run,
    serving,
    status_of,
    table_digests,
)


def test_duplicate_key_holds_back_its_table_and_downstream(published):
    before = table_digests(serving(published))
    gate.execute(
        published / "warehouse.duckdb",
        "insert into core.fct_opportunities select * from core.fct_opportunities"
        " where opportunity_key = 'hs_5006'",
    )
    result = gate.run_gate(published / "warehouse.duckdb")
    failures, status = assert_held_back(
        result, published, before, "gx_fct_opportunities", DOWNSTREAM["core.fct_opportunities"]
    )
    unique = failures["opportunity_key unique"]
    assert unique["unexpected_count"] == 2
    assert {row["opportunity_key"] for row in unique["sample"]} == {"hs_5006"}
    # The reason names the check and the offending row, on the table and downstream of it.
    for table in DOWNSTREAM["core.fct_opportunities"]:
        reason = status[table][2]
        assert "core.fct_opportunities: gx_fct_opportunities" in reason and "hs_5006" in reason
    page = (published / "quality" / "latest.html").read_text()
    assert "Held back: 4 published table(s)" in page and "hs_5006" in page


def test_credit_breaking_sum_to_one_holds_back_attribution(published):
    before = table_digests(serving(published))
    gate.execute(
        published / "warehouse.duckdb",
        "update attribution.fct_attribution_credits set attribution_weight = 0.6"
        " where credit_id = (select min(credit_id) from attribution.fct_attribution_credits"
        " where conversion_id = 'closed_won|hs_5001' and attribution_model = 'linear')",
    )
    result = gate.run_gate(published / "warehouse.duckdb")
    failures, _ = assert_held_back(
        result,
        published,
        before,
        "gx_fct_attribution_credits",
        DOWNSTREAM["attribution.fct_attribution_credits"],
    )
    (check,) = [v for k, v in failures.items() if k.startswith("sum of attribution_weight")]
    assert [(r["conversion_id"], r["attribution_model"]) for r in check["sample"]] == [
        ("closed_won|hs_5001", "linear")
    ]
    assert abs(float(check["sample"][0]["total"]) - 1.1) < 1e-9


def test_revenue_breaking_reconciliation_holds_back_only_that_mart(published):
    before = table_digests(serving(published))
    gate.execute(
        published / "warehouse.duckdb",
        "update attribution.mart_attribution_reconciliation"
        " set attributed_amount_usd = attributed_amount_usd + 0.01"
        " where attribution_model = 'w_shaped' and month_start = '2025-03-01'",
    )
    result = gate.run_gate(published / "warehouse.duckdb")
    failures, _ = assert_held_back(
        result,
        published,
        before,
        "gx_mart_attribution_reconciliation",
        {"attribution.mart_attribution_reconciliation"},
    )
    (check,) = [v for k, v in failures.items() if k.startswith("total = attributed")]
    assert [(r["attribution_model"], r["month_start"]) for r in check["sample"]] == [
        ("w_shaped", "2025-03-01")
    ]
    assert float(check["sample"][0]["difference"]) == pytest.approx(-0.01)


def test_half_the_rows_gone_holds_back_touchpoints_and_downstream(published):
    before = table_digests(serving(published))
    # More than half of the 200 published rows gone (default bound: fail on a drop > 50%).
    gate.execute(
        published / "warehouse.duckdb",
        "delete from core.fct_touchpoints where touchpoint_id in"
        " (select touchpoint_id from core.fct_touchpoints order by touchpoint_id limit 101)",
    )
    result = gate.run_gate(published / "warehouse.duckdb")
    failures, _ = assert_held_back(
        result, published, before, "gx_fct_touchpoints", DOWNSTREAM["core.fct_touchpoints"]
    )
    (drift,) = [v for k, v in failures.items() if k.startswith("row count within")]
    assert drift["sample"] == [
        {"row_count": 99, "previous_row_count": 200, "allowed_min": 100, "allowed_max": None}
    ]
    # The held-back table keeps its drift baseline: the next run still compares with 200.
    with duckdb.connect(str(published / "warehouse.duckdb"), read_only=True) as connection:
        (baseline_rows,) = connection.execute(
            "select row_count from quality.published_tables where table_name ="
            " 'core.fct_touchpoints' order by published_at desc limit 1"
        ).fetchone()
    assert baseline_rows == 200


def test_failed_dbt_test_upstream_holds_back_downstream_tables(published):
    """A failed non-suite ERROR check (a dbt test) on fct_touchpoints: same per-table rule."""
    before = table_digests(serving(published))
    gate.execute(
        published / "warehouse.duckdb",
        "create table main.stand_in_failures as select 'tp_7' as touchpoint_id",
    )
    result = gate.run_gate(published / "warehouse.duckdb")
    _, status = assert_held_back(
        result, published, before, gate.STAND_IN_TEST, DOWNSTREAM["core.fct_touchpoints"]
    )
    reason = status["attribution.mart_attribution_reconciliation"][2]
    assert f"core.fct_touchpoints: dbt test {gate.STAND_IN_TEST}" in reason


def test_held_back_table_never_published_is_unavailable(tmp_path, monkeypatch):
    """First run ever, one mart fails: it is absent from the file and marked unavailable."""
    data = tmp_path / "data"
    data.mkdir()
    for key, value in gate_env(data).items():
        monkeypatch.setenv(key, value)
    gate.build(data / "warehouse.duckdb")
    gate.execute(
        data / "warehouse.duckdb",
        "update metrics.mart_sales_performance set win_rate = 7",
    )
    result = gate.run_gate(data / "warehouse.duckdb")
    assert result.success and published_run(result)
    status = status_of(data)
    assert status["metrics.mart_sales_performance"][:2] == ("unavailable", None)
    assert "win_rate" in status["metrics.mart_sales_performance"][2]
    assert "metrics.mart_sales_performance" not in table_digests(serving(data))
    assert {t for t, (s, _, _) in status.items() if s == "fresh"} == set(gate.PUBLISHED) - {
        "metrics.mart_sales_performance"
    }
