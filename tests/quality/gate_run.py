"""Helpers of the gate tests: run the gate on the hand-made warehouse and read the result."""

from __future__ import annotations

import hashlib
import json

import duckdb
from dagster import AssetKey

from tests.quality import gate_warehouse as gate

PUBLISH = AssetKey(["publish"])
ALL_FRESH = "all_tables_fresh"
# Each table and everything downstream of it in the stand-in lineage (gate.LINEAGE).
DOWNSTREAM = {
    "core.fct_opportunities": {
        "core.fct_opportunities",
        "attribution.fct_attribution_credits",
        "attribution.mart_attribution_reconciliation",
        "metrics.mart_sales_performance",
    },
    "core.fct_touchpoints": {
        "core.fct_touchpoints",
        "attribution.fct_attribution_credits",
        "attribution.mart_attribution_reconciliation",
    },
    "attribution.fct_attribution_credits": {
        "attribution.fct_attribution_credits",
        "attribution.mart_attribution_reconciliation",
    },
}


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def gate_env(data):
    return {
        "CLOSEDLOOP_DATA_DIR": str(data),
        "CLOSEDLOOP_WAREHOUSE": str(data / "warehouse.duckdb"),
        "CLOSEDLOOP_SERVING_PATH": str(data / "serving" / "closedloop.duckdb"),
        "CLOSEDLOOP_LANDING_DIR": str(data / "landing"),
    }


def serving(data):
    return data / "serving" / "closedloop.duckdb"


def query(path, sql):
    with duckdb.connect(str(path), read_only=True) as connection:
        return connection.execute(sql).fetchall()


def published_run(result) -> bool:
    return any(e.asset_key == PUBLISH for e in result.get_asset_materialization_events())


def failed_checks(result) -> dict:
    return {e.check_name: e for e in result.get_asset_check_evaluations() if not e.passed}


def table_digests(path) -> dict[str, list]:
    """Every published table's rows, sorted: what BI would read."""
    with duckdb.connect(str(path), read_only=True) as connection:
        return {
            t: sorted(connection.execute(f"select * from {t}").fetchall(), key=repr)
            for t in gate.PUBLISHED
            if connection.execute(
                "select count(*) from information_schema.tables"
                " where table_schema || '.' || table_name = ?",
                [t],
            ).fetchone()[0]
        }


def status_of(data) -> dict[str, tuple]:
    rows = query(
        serving(data),
        "select table_name, status, data_run_id, held_back_reason from _published_tables",
    )
    return {table: (status, run, reason) for table, status, run, reason in rows}


def assert_held_back(result, data, before, check, held):
    """The run published; `held` kept their previous rows, every other table is fresh."""
    assert result.success
    assert published_run(result)
    failed = failed_checks(result)
    assert set(failed) == {check, ALL_FRESH}, set(failed)
    status = status_of(data)
    after = table_digests(serving(data))
    previous_run = query(
        serving(data), "select run_id from _published_runs order by published_at limit 1"
    )[0][0]
    for table in gate.PUBLISHED:
        state, run, reason = status[table]
        if table in held:
            assert (state, run) == ("held_back", previous_run), table
            assert after[table] == before[table], table
        else:
            assert (state, run, reason) == ("fresh", result.run_id, None), table
    assert set(failed[ALL_FRESH].metadata["held_back"].value) == held
    rows = failed[check].metadata.get("failing_rows")
    return json.loads(json.dumps(rows.value if rows else {})), status
