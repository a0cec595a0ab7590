"""The `publish` asset: write-audit-publish of the BI serving file, per table.

docs/quality-gate.md, docs/resilience.md §2. The audit and the publication are
`expectations.publish.gate`; this module reads this run's asset check results from
Dagster (GX suites and dbt tests, none of them blocking in Dagster), the lineage of every
published table from the asset graph, and the failing rows of failed dbt tests (stored by
`store_failures`), then publishes: tables a failed check touches are held back at their
previous version, every other table is fresh. The `all_tables_fresh` check says which
tables were held back and why.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from dagster import (
    AssetCheckResult,
    AssetCheckSeverity,
    AssetCheckSpec,
    AssetExecutionContext,
    AssetKey,
    DagsterEventType,
    MaterializeResult,
    MetadataValue,
    asset,
)
from dagster_duckdb import DuckDBResource

from closedloop.settings import WAREHOUSE_POOL, Settings
from expectations.audit import report_dir, suite_of_check
from expectations.publish.dbt_failures import failing_rows
from expectations.publish.gate import (
    Blocker,
    audit_tables,
    held_back_text,
    publish_audited,
    row_text,
)
from expectations.publish.tables import published_tables
from orchestration.assets.dbt import dbt_project
from orchestration.assets.dbt_translator import GATE_SPAN_ONLY

PUBLISH_KEY = AssetKey(["publish"])
ALL_FRESH_CHECK = "all_tables_fresh"
# Steps run by priority when several are ready: the suites before publish, so that publish
# reuses their results instead of validating again (it would, if it ran first).
PUBLISH_PRIORITY = {"dagster/priority": "-10"}


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


def asset_namer(table_keys: Mapping[str, AssetKey]):
    """How the gate names an asset: its table ('schema.table') when it is a dbt model, else
    its key path joined by dots (raw keys are ['raw', table])."""
    names = {key: table for table, key in table_keys.items()}
    return lambda key: names.get(key, ".".join(key.path))


def _this_run_checks(context: AssetExecutionContext, connection, name):
    """This run's check evaluations: (suite -> (passed, fingerprint), failed other checks)."""
    suites: dict[str, tuple[bool, str]] = {}
    others: list[Blocker] = []
    records = context.instance.get_records_for_run(
        context.run.run_id, of_type=DagsterEventType.ASSET_CHECK_EVALUATION
    ).records
    for record in records:
        evaluation = record.event_log_entry.dagster_event.event_specific_data
        suite = suite_of_check(evaluation.check_name)
        if suite is not None:
            fingerprint = evaluation.metadata.get("fingerprint")
            suites[suite] = (evaluation.passed, getattr(fingerprint, "value", fingerprint))
        elif not evaluation.passed and evaluation.severity == AssetCheckSeverity.ERROR:
            others.append(_dbt_blocker(evaluation, connection, name(evaluation.asset_key)))
    return suites, others


def _value(metadata: Mapping, key: str):
    raw = metadata.get(key)
    return getattr(raw, "value", raw)


def _dbt_blocker(evaluation, connection, asset: str) -> Blocker:
    """A failed check that is not a suite (a dbt test): its failing rows when dbt kept them."""
    unique_id = _value(evaluation.metadata, "unique_id")
    count = _value(evaluation.metadata, "dagster_dbt/failed_row_count")
    lines = [f"  failing rows: {count}" if count is not None else "  failed"]
    rows = failing_rows(connection, dbt_project.manifest_path, unique_id) if unique_id else []
    lines += [f"    row {row_text(row)}" for row in rows]
    return Blocker(asset, f"dbt test {evaluation.check_name}", "\n".join(lines))


def lineage(graph, table_keys: Mapping[str, AssetKey], tables) -> dict[str, set[str]]:
    """table -> every asset upstream of it, except beyond span-only assets (the calendar)."""
    name = asset_namer(table_keys)
    out = {}
    for table in tables:
        seen: set[AssetKey] = set()
        own = graph.get(table_keys[table])
        todo = [] if (own.metadata or {}).get(GATE_SPAN_ONLY) else list(own.parent_keys)
        while todo:
            key = todo.pop()
            if key in seen or not graph.has(key):
                continue
            seen.add(key)
            node = graph.get(key)
            if not (node.metadata or {}).get(GATE_SPAN_ONLY):
                todo += node.parent_keys
        out[table] = {name(k) for k in seen}
    return out


def build_publish_asset(table_keys: Mapping[str, AssetKey]):
    """`publish`, depending on every published table's asset (`table_keys`: table -> key)."""
    tables = published_tables(table_keys)

    @asset(
        key=PUBLISH_KEY,
        deps=[table_keys[t] for t in tables],
        pool=WAREHOUSE_POOL,
        group_name="serving",
        kinds={"duckdb"},
        op_tags=PUBLISH_PRIORITY,
        check_specs=[
            AssetCheckSpec(
                ALL_FRESH_CHECK,
                asset=PUBLISH_KEY,
                description="Every published table is fresh from this run: none held back"
                " by a failed blocking check on it or upstream of it.",
            )
        ],
        description=(
            "Audits the published tables (expectation suites, this run's dbt tests and"
            " checks) and atomically replaces the BI serving file (CLOSEDLOOP_SERVING_PATH,"
            " default data/serving/closedloop.duckdb): tables a failed blocking check touches"
            " (on them or upstream) keep their previous version and are listed in"
            " _published_tables as held back, with the failed checks and their rows."
        ),
    )
    def publish_asset(context, warehouse: DuckDBResource):
        settings = Settings.from_env()
        run_id = context.run.run_id
        upstream = lineage(context.job_def.asset_layer.asset_graph, table_keys, tables)
        with warehouse.get_connection() as connection:
            checked, others = _this_run_checks(context, connection, asset_namer(table_keys))
            gate = audit_tables(connection, tables, run_id, checked, others)
            context.log.info(
                f"publish audit: {len(gate.reused)} suite result(s) reused from this run's"
                f" checks, {len(gate.reports)} validated now"
            )
            published = publish_audited(
                connection, gate, settings.serving_path, tables, run_id, upstream
            )
        result, held = published.result, published.held_back
        message = held_back_text(held, settings.serving_path)
        if message:
            context.log.error(message)
        yield MaterializeResult(
            metadata={
                "serving_path": MetadataValue.path(str(result.path)),
                "tables": len(result.row_counts),
                "fresh_tables": len(tables) - len(held),
                "held_back_tables": MetadataValue.json(sorted(held)),
                "row_counts": MetadataValue.json(result.row_counts),
                "storage_number": result.storage_number,
                "freshness": MetadataValue.json(published.freshness),
                "checks": MetadataValue.json(json.loads(json.dumps(published.check_summary))),
            }
        )
        yield AssetCheckResult(
            check_name=ALL_FRESH_CHECK,
            asset_key=PUBLISH_KEY,
            passed=not held,
            severity=AssetCheckSeverity.ERROR,
            description=message.splitlines()[0] if message else None,
            metadata={
                "held_back": MetadataValue.json(
                    {
                        t: {"status": result.status.get(t), "blockers": [b.text() for b in bs]}
                        for t, bs in sorted(held.items())
                    }
                ),
                "details": MetadataValue.md(f"```\n{message}\n```" if message else "none"),
                "html_report": MetadataValue.path(str(report_dir() / "latest.html")),
            },
        )

    return publish_asset
