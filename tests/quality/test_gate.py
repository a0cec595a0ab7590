"""The Dagster quality gate end to end on a hand-made warehouse: checks, then publish.

A clean run publishes; each corruption fails the matching check with the offending rows
in its metadata, `publish` does not run and the serving file keeps its bytes.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil

import duckdb
import pytest
from dagster import AssetKey

from expectations.publish.storage import storage_number
from tests.quality import gate_warehouse as gate

PUBLISH = AssetKey(["publish"])


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _env(data):
    return {
        "CLOSEDLOOP_DATA_DIR": str(data),
        "CLOSEDLOOP_WAREHOUSE": str(data / "warehouse.duckdb"),
        "CLOSEDLOOP_SERVING_PATH": str(data / "serving" / "closedloop.duckdb"),
        "CLOSEDLOOP_LANDING_DIR": str(data / "landing"),
    }


@pytest.fixture(scope="module")
def baseline(tmp_path_factory):
    """A warehouse after one clean, published run (drift baseline recorded)."""
    data = tmp_path_factory.mktemp("baseline") / "data"
    data.mkdir()
    saved = {k: os.environ.get(k) for k in _env(data)}
    os.environ.update(_env(data))
    for k in ("CLOSEDLOOP_PUBLISH_PII", "CLOSEDLOOP_PII_SALT", "CLOSEDLOOP_ROW_COUNT_MAX_DROP"):
        saved.setdefault(k, os.environ.pop(k, None))
    try:
        gate.build(data / "warehouse.duckdb")
        result = gate.run_gate(data / "warehouse.duckdb")
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return data, result


@pytest.fixture()
def published(baseline, tmp_path, monkeypatch):
    """A private copy of the baseline's data folder, with the env pointing into it."""
    data = tmp_path / "data"
    shutil.copytree(baseline[0], data)
    for key, value in _env(data).items():
        monkeypatch.setenv(key, value)
    for key in ("CLOSEDLOOP_PUBLISH_PII", "CLOSEDLOOP_PII_SALT", "CLOSEDLOOP_ROW_COUNT_MAX_DROP"):
        monkeypatch.delenv(key, raising=False)
    return data


def _serving(data):
    return data / "serving" / "closedloop.duckdb"


def _query(path, sql):
    with duckdb.connect(str(path), read_only=True) as connection:
        return connection.execute(sql).fetchall()


def _published(result) -> bool:
    return any(e.asset_key == PUBLISH for e in result.get_asset_materialization_events())


def _failed_checks(result) -> dict:
    return {e.check_name: e for e in result.get_asset_check_evaluations() if not e.passed}


def test_clean_run_publishes_every_table(baseline):
    data, result = baseline
    assert result.success
    assert _published(result)
    assert not _failed_checks(result)
    serving = _serving(data)
    assert storage_number(serving) == 67  # v1.4.0: readable by DuckDB 1.4 drivers
    tables = {
        f"{s}.{t}"
        for s, t in _query(
            serving,
            "select table_schema, table_name from information_schema.tables"
            " where table_name <> '_published_runs'",
        )
    }
    assert tables == set(gate.PUBLISHED)
    ((run_id, counts, checks),) = _query(
        serving, "select run_id, tables, checks from _published_runs"
    )
    assert run_id == result.run_id
    assert json.loads(counts)["core.fct_touchpoints"] == 200
    assert len(json.loads(checks)["suites_reused_from_checks"]) == 6
    # History and the report: one row per suite of the run, and latest.html.
    with duckdb.connect(str(data / "warehouse.duckdb"), read_only=True) as connection:
        runs = connection.execute(
            "select count(*) from quality.validation_runs where run_id = ?", [run_id]
        ).fetchone()
        baseline_rows = connection.execute(
            "select row_count from quality.published_tables where table_name = ?",
            ["core.fct_touchpoints"],
        ).fetchone()
    assert runs == (6,) and baseline_rows == (200,)
    assert (data / "quality" / "latest.html").exists()


def test_pii_columns_absent_by_default(baseline):
    columns = _query(
        _serving(baseline[0]),
        "select table_schema || '.' || table_name || '.' || column_name"
        " from information_schema.columns",
    )
    names = [c for (c,) in columns]
    assert "core.dim_owner.owner_name" in names
    assert not [c for c in names if "email" in c or "phone" in c]


def _assert_blocked(result, data, before, check):
    assert not result.success
    assert not _published(result)
    assert _digest(_serving(data)) == before
    failed = _failed_checks(result)
    assert set(failed) == {check}, set(failed)
    return json.loads(json.dumps(failed[check].metadata["failing_rows"].value))


def test_duplicate_key_blocks_publication(published):
    before = _digest(_serving(published))
    gate.execute(
        published / "warehouse.duckdb",
        "insert into core.fct_opportunities select * from core.fct_opportunities"
        " where opportunity_key = 'hs_5006'",
    )
    result = gate.run_gate(published / "warehouse.duckdb")
    failures = _assert_blocked(result, published, before, "gx_fct_opportunities")
    unique = failures["opportunity_key unique"]
    assert unique["unexpected_count"] == 2
    assert {row["opportunity_key"] for row in unique["sample"]} == {"hs_5006"}


def test_credit_breaking_sum_to_one_blocks_publication(published):
    before = _digest(_serving(published))
    gate.execute(
        published / "warehouse.duckdb",
        "update attribution.fct_attribution_credits set attribution_weight = 0.6"
        " where credit_id = (select min(credit_id) from attribution.fct_attribution_credits"
        " where conversion_id = 'closed_won|hs_5001' and attribution_model = 'linear')",
    )
    result = gate.run_gate(published / "warehouse.duckdb")
    failures = _assert_blocked(result, published, before, "gx_fct_attribution_credits")
    (check,) = [v for k, v in failures.items() if k.startswith("sum of attribution_weight")]
    assert [(r["conversion_id"], r["attribution_model"]) for r in check["sample"]] == [
        ("closed_won|hs_5001", "linear")
    ]
    assert abs(float(check["sample"][0]["total"]) - 1.1) < 1e-9


def test_revenue_breaking_reconciliation_blocks_publication(published):
    before = _digest(_serving(published))
    gate.execute(
        published / "warehouse.duckdb",
        "update attribution.mart_attribution_reconciliation"
        " set attributed_amount_usd = attributed_amount_usd + 0.01"
        " where attribution_model = 'w_shaped' and period_month = '2025-03-01'",
    )
    result = gate.run_gate(published / "warehouse.duckdb")
    failures = _assert_blocked(result, published, before, "gx_mart_attribution_reconciliation")
    (check,) = [v for k, v in failures.items() if k.startswith("total = attributed")]
    assert [(r["attribution_model"], r["period_month"]) for r in check["sample"]] == [
        ("w_shaped", "2025-03-01")
    ]
    assert float(check["sample"][0]["difference"]) == pytest.approx(-0.01)


def test_half_the_rows_gone_blocks_publication(published):
    before = _digest(_serving(published))
    # More than half of the 200 published rows gone (default bound: fail on a drop > 50%).
    gate.execute(
        published / "warehouse.duckdb",
        "delete from core.fct_touchpoints where touchpoint_id in"
        " (select touchpoint_id from core.fct_touchpoints order by touchpoint_id limit 101)",
    )
    result = gate.run_gate(published / "warehouse.duckdb")
    failures = _assert_blocked(result, published, before, "gx_fct_touchpoints")
    (drift,) = [v for k, v in failures.items() if k.startswith("row count within")]
    assert drift["sample"] == [
        {"row_count": 99, "previous_row_count": 200, "allowed_min": 100, "allowed_max": None}
    ]


def test_drift_bound_is_configurable(published, monkeypatch):
    monkeypatch.setenv("CLOSEDLOOP_ROW_COUNT_MAX_DROP", "0.1")
    gate.execute(
        published / "warehouse.duckdb",
        "delete from core.fct_touchpoints where touchpoint_id in"
        " (select touchpoint_id from core.fct_touchpoints order by touchpoint_id limit 30)",
    )
    result = gate.run_gate(published / "warehouse.duckdb")
    assert set(_failed_checks(result)) == {"gx_fct_touchpoints"}


def test_publish_audits_by_itself_when_the_checks_did_not_run(published):
    """Only `publish` selected: it validates the suites itself and refuses, naming rows."""
    before = _digest(_serving(published))
    gate.execute(
        published / "warehouse.duckdb",
        "update core.fct_opportunities set amount_usd = -5 where opportunity_key = 'hs_5009'",
    )
    result = gate.run_gate(published / "warehouse.duckdb", with_checks=False, selection=[PUBLISH])
    assert not result.success and not _published(result)
    (failure,) = [e for e in result.all_events if e.is_step_failure]
    message = failure.event_specific_data.error.message
    assert "fct_opportunities" in message and "amount_usd >= 0" in message
    assert "hs_5009" in message and "is unchanged" in message
    assert _digest(_serving(published)) == before
    with duckdb.connect(str(published / "warehouse.duckdb"), read_only=True) as connection:
        failed = connection.execute(
            "select suite, sample from quality.expectation_results"
            " where run_id = ? and not success",
            [result.run_id],
        ).fetchall()
    assert [s for s, _ in failed] == ["fct_opportunities"] and "hs_5009" in failed[0][1]


def test_missing_published_table_blocks(published):
    before = _digest(_serving(published))
    gate.execute(published / "warehouse.duckdb", "drop table metrics.mart_sales_performance")
    result = gate.run_gate(published / "warehouse.duckdb")
    failed = _failed_checks(result)
    assert set(failed) == {"gx_mart_sales_performance"}
    assert "does not exist" in failed["gx_mart_sales_performance"].metadata["summary"].value
    assert not _published(result) and _digest(_serving(published)) == before


def test_second_clean_run_replaces_the_file(published):
    before = _digest(_serving(published))
    gate.execute(
        published / "warehouse.duckdb",
        "update core.dim_account set account_name = 'Renamed' where account_key = 'hs_100'",
    )
    result = gate.run_gate(published / "warehouse.duckdb")
    assert result.success and _published(result)
    assert _digest(_serving(published)) != before
    runs = _query(_serving(published), "select run_id from _published_runs")
    assert len(runs) == 2 and (result.run_id,) in runs
    assert _query(
        _serving(published),
        "select account_name from core.dim_account where account_key = 'hs_100'",
    ) == [("Renamed",)]
