"""The `publish` asset: write-audit-publish of the BI serving file (docs/quality-gate.md).

The audit and the publication are `expectations.publish.gate`; this module reads this
run's asset check results from Dagster, runs the gate under the warehouse pool and turns
a refusal into a `Failure` naming each failed check with its observed value and rows.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from dagster import (
    AssetExecutionContext,
    AssetKey,
    DagsterEventType,
    Failure,
    MaterializeResult,
    MetadataValue,
    asset,
)
from dagster_duckdb import DuckDBResource

from closedloop.settings import WAREHOUSE_POOL, Settings
from expectations.audit import report_dir, suite_of_check
from expectations.publish.gate import Gate, audit_tables, publish_audited, refusal_text
from expectations.publish.tables import published_tables

PUBLISH_KEY = AssetKey(["publish"])


def dbt_model_tables(dbt_assets) -> dict[str, AssetKey]:
    """'schema.table' -> asset key, for every dbt model of the dbt assets definition."""
    out: dict[str, AssetKey] = {}
    for spec in dbt_assets.specs:
        key = spec.key
        relation = (spec.metadata or {}).get("dagster/table_name")  # database.schema.table
        if relation:
            parts = str(relation).split(".")
            out[".".join(parts[-2:])] = key
        elif len(key.path) == 2:
            out[".".join(key.path)] = key
    return out


def _this_run_checks(context: AssetExecutionContext, published_keys: set[AssetKey]):
    """This run's asset check evaluations on published tables: (suite results, others)."""
    suites: dict[str, tuple[bool, str]] = {}
    others: list[str] = []
    records = context.instance.get_records_for_run(
        context.run.run_id, of_type=DagsterEventType.ASSET_CHECK_EVALUATION
    ).records
    for record in records:
        evaluation = record.event_log_entry.dagster_event.event_specific_data
        if evaluation.asset_key not in published_keys:
            continue
        suite = suite_of_check(evaluation.check_name)
        if suite is not None:
            fingerprint = evaluation.metadata.get("fingerprint")
            suites[suite] = (evaluation.passed, getattr(fingerprint, "value", fingerprint))
        elif not evaluation.passed and evaluation.severity.value == "ERROR":
            others.append(
                f"{evaluation.asset_key.to_user_string()}: check {evaluation.check_name} failed"
            )
    return suites, others


def build_publish_asset(table_keys: Mapping[str, AssetKey]):
    """`publish`, depending on every published table's asset (`table_keys`: table -> key)."""
    tables = published_tables(table_keys)

    @asset(
        key=PUBLISH_KEY,
        deps=[table_keys[t] for t in tables],
        pool=WAREHOUSE_POOL,
        group_name="serving",
        kinds={"duckdb"},
        description=(
            "Audits the published marts (expectation suites, this run's checks) and, only if"
            " every blocking check passed, atomically replaces the BI serving file"
            " (CLOSEDLOOP_SERVING_PATH, default data/serving/closedloop.duckdb)."
        ),
    )
    def publish_asset(context, warehouse: DuckDBResource):
        settings = Settings.from_env()
        run_id = context.run.run_id
        checked, others = _this_run_checks(context, {table_keys[t] for t in tables})
        # dagster-duckdb's get_connection does not close its connection when the body
        # raises: decide inside, raise outside, so a refusal leaves no connection open.
        with warehouse.get_connection() as connection:
            gate = audit_tables(connection, tables, run_id, checked, others)
            context.log.info(
                f"publish audit: {len(gate.reused)} suite result(s) reused from this run's"
                f" checks, {len(gate.reports)} validated now"
            )
            failures = gate.failures()
            if not failures:
                published = publish_audited(connection, gate, settings.serving_path, tables, run_id)
        if failures:
            raise _refusal(gate, failures, settings)
        result = published.result
        return MaterializeResult(
            metadata={
                "serving_path": MetadataValue.path(str(result.path)),
                "tables": len(result.row_counts),
                "row_counts": MetadataValue.json(result.row_counts),
                "storage_number": result.storage_number,
                "freshness": MetadataValue.json(published.freshness),
                "checks": MetadataValue.json(json.loads(json.dumps(published.check_summary))),
            }
        )

    return publish_asset


def _refusal(gate: Gate, failures: list[str], settings: Settings) -> Failure:
    return Failure(
        description=refusal_text(gate, failures, settings.serving_path),
        metadata={
            "failed_checks": MetadataValue.json(failures),
            "details": MetadataValue.md(
                gate.details_markdown() or "see the failed checks of this run"
            ),
            "html_report": MetadataValue.path(str(report_dir() / "latest.html")),
        },
    )
