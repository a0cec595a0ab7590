"""The Dagster quality gate end to end on a hand-made warehouse: checks, then publish.

A clean run publishes every table fresh. Each corruption fails the matching check with
the offending rows in its metadata; `publish` still runs and holds back exactly the table
the check guards and the tables downstream of it (their previous rows stay in the serving
file, `_published_tables` says held back and names the rows), every other table is fresh.
"""

from __future__ import annotations

import json

import duckdb

from expectations.publish.storage import storage_number
from tests.quality import gate_warehouse as gate
from tests.quality.gate_run import (
    ALL_FRESH,
    DOWNSTREAM,
    PUBLISH,
    digest,
    failed_checks,
    published_run,
    query,
    serving,
    status_of,
    table_digests,
)


def test_clean_run_publishes_every_table(baseline):
    data, result = baseline
    assert result.success
    assert published_run(result)
    assert not failed_checks(result)
    path = serving(data)
    assert storage_number(path) == 67  # v1.4.0: readable by DuckDB 1.4 drivers
    tables = {
        f"{s}.{t}"
        for s, t in query(
            path,
            "select table_schema, table_name from information_schema.tables"
            " where table_name not in ('_published_runs', '_published_tables', '_catalog')",
        )
    }
    assert tables == set(gate.PUBLISHED)
    ((run_id, counts, checks),) = query(path, "select run_id, tables, checks from _published_runs")
    assert run_id == result.run_id
    assert json.loads(counts)["core.fct_touchpoints"] == 200
    # 6 hand-written suites + the generated value-range suites of the 3 dimensions.
    assert len(json.loads(checks)["suites_reused_from_checks"]) == 9
    # History and the report: one row per suite of the run, and latest.html.
    with duckdb.connect(str(data / "warehouse.duckdb"), read_only=True) as connection:
        runs = connection.execute(
            "select count(*) from quality.validation_runs where run_id = ?", [run_id]
        ).fetchone()
        baseline_rows = connection.execute(
            "select row_count from quality.published_tables where table_name = ?",
            ["core.fct_touchpoints"],
        ).fetchone()
    assert runs == (9,) and baseline_rows == (200,)
    assert (data / "quality" / "latest.html").exists()
    status = query(
        path, "select table_name, status, data_run_id, held_back_reason from _published_tables"
    )
    assert sorted(status) == sorted((t, "fresh", run_id, None) for t in gate.PUBLISHED)


def test_pii_columns_absent_by_default(baseline):
    columns = query(
        serving(baseline[0]),
        "select table_schema || '.' || table_name || '.' || column_name"
        " from information_schema.columns",
    )
    names = [c for (c,) in columns]
    assert "core.dim_owner.owner_name" in names
    assert not [c for c in names if "email" in c or "phone" in c]


def test_drift_bound_is_configurable(published, monkeypatch):
    monkeypatch.setenv("CLOSEDLOOP_ROW_COUNT_MAX_DROP", "0.1")
    gate.execute(
        published / "warehouse.duckdb",
        "delete from core.fct_touchpoints where touchpoint_id in"
        " (select touchpoint_id from core.fct_touchpoints order by touchpoint_id limit 30)",
    )
    result = gate.run_gate(published / "warehouse.duckdb")
    assert set(failed_checks(result)) == {"gx_fct_touchpoints", ALL_FRESH}


def test_publish_audits_by_itself_when_the_checks_did_not_run(published):
    """Only `publish` selected: it validates the suites itself and holds back, naming rows."""
    before = table_digests(serving(published))
    gate.execute(
        published / "warehouse.duckdb",
        "update core.fct_opportunities set amount_usd = -5 where opportunity_key = 'hs_5009'",
    )
    result = gate.run_gate(published / "warehouse.duckdb", with_checks=False, selection=[PUBLISH])
    assert result.success and published_run(result)
    status = status_of(published)
    after = table_digests(serving(published))
    for table in gate.PUBLISHED:
        held = table in DOWNSTREAM["core.fct_opportunities"]
        assert status[table][0] == ("held_back" if held else "fresh"), table
        assert (after[table] == before[table]) or not held
    reason = status["metrics.mart_sales_performance"][2]
    assert "fct_opportunities" in reason and "amount_usd >= 0" in reason and "hs_5009" in reason
    with duckdb.connect(str(published / "warehouse.duckdb"), read_only=True) as connection:
        failed = connection.execute(
            "select suite, sample from quality.expectation_results"
            " where run_id = ? and not success",
            [result.run_id],
        ).fetchall()
    assert [s for s, _ in failed] == ["fct_opportunities"] and "hs_5009" in failed[0][1]


def test_missing_published_table_is_held_back(published):
    before = table_digests(serving(published))
    gate.execute(published / "warehouse.duckdb", "drop table metrics.mart_sales_performance")
    result = gate.run_gate(published / "warehouse.duckdb")
    failed = failed_checks(result)
    assert set(failed) == {"gx_mart_sales_performance", ALL_FRESH}
    assert "does not exist" in failed["gx_mart_sales_performance"].metadata["summary"].value
    status = status_of(published)
    assert status["metrics.mart_sales_performance"][0] == "held_back"
    assert "does not exist" in status["metrics.mart_sales_performance"][2]
    after = table_digests(serving(published))
    assert after["metrics.mart_sales_performance"] == before["metrics.mart_sales_performance"]


def test_second_clean_run_replaces_the_file(published):
    before = digest(serving(published))
    gate.execute(
        published / "warehouse.duckdb",
        "update core.dim_account set account_name = 'Renamed' where account_key = 'hs_100'",
    )
    result = gate.run_gate(published / "warehouse.duckdb")
    assert result.success and published_run(result)
    assert digest(serving(published)) != before
    runs = query(serving(published), "select run_id from _published_runs")
    assert len(runs) == 2 and (result.run_id,) in runs
    assert query(
        serving(published),
        "select account_name from core.dim_account where account_key = 'hs_100'",
    ) == [("Renamed",)]
