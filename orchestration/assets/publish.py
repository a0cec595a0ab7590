"""The `publish` asset: write-audit-publish of the BI serving file (docs/quality-gate.md).

1. Audit. Every suite of every published table must pass. For each suite the asset
   reuses this run's `gx_<suite>` check result when the table's fingerprint (row count
   + hash of all rows) is unchanged since the check; otherwise (check not selected in
   this run, or the table rebuilt since, e.g. by another run) it validates again
   here, under the warehouse pool, right before copying. Any other asset check of this
   run on a published table that failed with ERROR severity (dbt tests) also blocks.
   Missing published tables block.
2. Refuse, or publish. On a blocking failure the asset raises `Failure` naming each
   failed check with its observed value and failing rows; the serving file is not
   touched. Otherwise `orchestration.publish.serving.publish` replaces it atomically
   (storage v1.4.0, PII dropped or hashed, `_published_runs`), and the published row
   counts become the next run's drift baseline (quality.published_tables).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

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

from expectations import history
from orchestration.assets import quality
from orchestration.checks import audit
from orchestration.publish.serving import publish
from orchestration.settings import WAREHOUSE_POOL, Settings

PUBLISH_KEY = AssetKey(["publish"])

# What BI reads: every model of these schemas (metric marts, the helper tables and time
# spine the semantic layer is defined on, attribution marts) ...
PUBLISHED_SCHEMAS = ("metrics", "attribution")
# ... plus the dimensions and core facts the marts and the semantic layer join to.
# dim_contact is left out: names and job titles are personal data that no mart needs
# (contact_key is enough to join).
PUBLISHED_TABLES = (
    "core.dim_date",
    "core.dim_channel",
    "core.dim_campaign",
    "core.dim_account",
    "core.dim_owner",
    "core.fct_contact_funnel",
    "core.fct_account_funnel",
    "core.fct_opportunities",
    "core.fct_touchpoints",
    "core.fct_ad_spend_daily",
)


def published_tables(model_tables: Iterable[str]) -> list[str]:
    """The tables to publish among the project's model tables ('schema.table')."""
    models = set(model_tables)
    chosen = {t for t in models if t.split(".")[0] in PUBLISHED_SCHEMAS}
    chosen |= {t for t in PUBLISHED_TABLES if t in models}
    return sorted(chosen)


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


@dataclass(frozen=True)
class Gate:
    reports: list  # ValidationReport run in the publish step
    reused: dict  # suite -> check result of this run reused
    other_failures: list[str]  # failed ERROR checks of this run that are not suites
    missing: list[str]  # published tables absent from the warehouse

    def failures(self) -> list[str]:
        out = [f"table {t} does not exist in the warehouse" for t in self.missing]
        out += [
            f"{s}: check {quality.check_name(s)} failed in this run"
            for s, passed in self.reused.items()
            if not passed
        ]
        out += audit.Verdict(self.reports).failure_names()
        out += self.other_failures
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
        suite = quality.suite_of_check(evaluation.check_name)
        if suite is not None:
            fingerprint = evaluation.metadata.get("fingerprint")
            suites[suite] = (evaluation.passed, getattr(fingerprint, "value", fingerprint))
        elif not evaluation.passed and evaluation.severity.value == "ERROR":
            others.append(
                f"{evaluation.asset_key.to_user_string()}: check {evaluation.check_name} failed"
            )
    return suites, others


def run_gate(
    context: AssetExecutionContext,
    connection,
    tables: Sequence[str],
    table_keys: Mapping[str, AssetKey],
) -> Gate:
    by_table = audit.suites_by_table()
    evaluations, others = _this_run_checks(context, {table_keys[t] for t in tables})
    missing = [t for t in tables if not audit.table_exists(connection, t)]
    to_run, reused = [], {}
    for table in tables:
        if table in missing:
            continue
        current = audit.fingerprint(connection, table)
        for suite in by_table.get(table, []):
            seen = evaluations.get(suite)
            if seen is not None and seen[1] == current:
                reused[suite] = seen[0]
            else:
                to_run.append(suite)
    # Suites on tables that are not published (e.g. a mart not built yet) are not gated.
    reports = audit.run_suites(connection, to_run)
    if reports:
        audit.record(connection, context.run.run_id, reports, quality.report_dir())
    context.log.info(
        f"publish audit: {len(reused)} suite result(s) reused from this run's checks,"
        f" {len(reports)} validated now"
    )
    return Gate(reports, reused, others, missing)


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
        # dagster-duckdb's get_connection does not close its connection when the body
        # raises: decide inside, raise outside, so a refusal leaves no connection open.
        with warehouse.get_connection() as connection:
            gate = run_gate(context, connection, tables, table_keys)
            failures = gate.failures()
            if not failures:
                freshness = audit.raw_freshness(connection, quality.raw_tables())
                summary = {
                    "suites_reused_from_checks": sorted(gate.reused),
                    "suites_validated_at_publish": sorted(r.suite for r in gate.reports),
                    "warnings": sum(len(r.warnings) for r in gate.reports),
                }
                result = publish(
                    connection,
                    settings.serving_path,
                    tables,
                    run_id=run_id,
                    freshness=freshness,
                    check_summary=summary,
                )
                history.record_publication(
                    connection, run_id, result.row_counts, result.published_at
                )
        if failures:
            raise _refusal(gate, failures, settings)
        return MaterializeResult(
            metadata={
                "serving_path": MetadataValue.path(str(result.path)),
                "tables": len(result.row_counts),
                "row_counts": MetadataValue.json(result.row_counts),
                "storage_number": result.storage_number,
                "freshness": MetadataValue.json(freshness),
                "checks": MetadataValue.json(json.loads(json.dumps(summary))),
            }
        )

    return publish_asset


def _refusal(gate: Gate, failures: list[str], settings: Settings) -> Failure:
    explanation = audit.Verdict(gate.reports).explain()
    details = "\n\n".join(quality.report_markdown(r) for r in gate.reports if not r.publishable)
    return Failure(
        description=(
            f"not published: {len(failures)} blocking check(s) failed; the serving"
            f" file {settings.serving_path} is unchanged.\n"
            + "\n".join(f"- {f}" for f in failures)
            + (f"\n\nFailing rows:\n{explanation}" if explanation else "")
        ),
        metadata={
            "failed_checks": MetadataValue.json(failures),
            "details": MetadataValue.md(details or "see the failed checks of this run"),
            "html_report": MetadataValue.path(str(quality.report_dir() / "latest.html")),
        },
    )
