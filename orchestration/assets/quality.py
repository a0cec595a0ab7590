"""Data-quality asset checks: the GX suites on the dbt assets, and freshness of each source.

- `quality_suites`: one blocking asset check `gx_<suite>` per suite in expectations/suites,
  on the dbt asset of the suite's table (dagster-dbt's default key `<schema>/<table>`).
  One step runs the selected suites (one warehouse connection, one GX set-up), records
  them in schema `quality`, writes data/quality/<run>.html and latest.html, and reports
  per suite: failed expectations, observed values, unexpected counts and failing rows.
  The checks do not block in Dagster (a failed one would skip `publish` for every table):
  `publish` reads their results and holds back only the tables a failure touches
  (docs/resilience.md §2). The step runs before `publish` by priority.
- `raw_freshness`: one `freshness` check per raw table: newest `_loaded_at` vs
  CLOSEDLOOP_FRESHNESS_MAX_HOURS (default 48). A warning, not blocking: stale data is
  still correct data; the newest load per source is also written into `_published_runs`.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from dagster import (
    AssetCheckResult,
    AssetCheckSeverity,
    AssetCheckSpec,
    AssetKey,
    MetadataValue,
    multi_asset_check,
)
from dagster_duckdb import DuckDBResource

from closedloop.settings import WAREHOUSE_POOL
from expectations import audit, freshness, suites
from expectations.audit import check_name, suite_of_check
from expectations.markdown import report_markdown, short
from expectations.results import ValidationReport
from ingestion.contracts import CONTRACTS

FRESHNESS_CHECK = "freshness"
# Run before `publish` when both are ready, so publish reuses the results (docs/quality-gate.md).
SUITES_PRIORITY = {"dagster/priority": "10"}


def table_asset_key(table: str) -> AssetKey:
    """'core.fct_opportunities' -> AssetKey(['core', 'fct_opportunities']) (dagster-dbt)."""
    return AssetKey(table.split("."))


# --- metadata a human can act on ------------------------------------------------------


def report_metadata(report: ValidationReport, fingerprint: str | None, html: Path | None):
    failed = [r for r in report.results if not r.success]
    metadata = {
        "suite": report.suite,
        "table": report.table,
        "row_count": report.row_count,
        "expectations": len(report.results),
        "failed_expectations": len(failed),
        "blocking_failures": len(report.blocking_failures),
        "fingerprint": fingerprint or "",
        "summary": MetadataValue.md(report_markdown(report)),
        "failing_rows": MetadataValue.json(
            {
                (r.description or r.expectation_type): {
                    "expectation_type": r.expectation_type,
                    "severity": r.severity,
                    "observed_value": r.observed_value,
                    "unexpected_count": r.unexpected_count,
                    "kwargs": r.kwargs,
                    "sample": r.sample,
                    "error": r.error,
                }
                for r in failed
            }
        ),
    }
    if failed:
        first = failed[0]
        metadata["first_failure"] = first.description or first.expectation_type
        metadata["observed_value"] = short(first.observed_value, 300)
        metadata["unexpected_count"] = first.unexpected_count or 0
    if html is not None:
        metadata["html_report"] = MetadataValue.path(str(html))
    return metadata


def check_result(
    report: ValidationReport, fingerprint: str | None, html: Path | None
) -> AssetCheckResult:
    blocking = bool(report.blocking_failures)
    return AssetCheckResult(
        asset_key=table_asset_key(report.table),
        check_name=check_name(report.suite),
        passed=report.success,
        severity=AssetCheckSeverity.ERROR if blocking else AssetCheckSeverity.WARN,
        metadata=report_metadata(report, fingerprint, html),
        description=None if report.success else f"{report.suite}: expectations failed",
    )


# --- the suites as checks -------------------------------------------------------------


def suite_specs(asset_keys: Iterable[AssetKey]) -> list[AssetCheckSpec]:
    """A check per suite whose table is one of `asset_keys` (the dbt assets).

    A suite on a table that is not (yet) a dbt model gets no check here; the publish
    audit still runs it and reports the missing table.
    """
    known = set(asset_keys)
    specs = []
    for name in suites.available():
        table = suites.load(name).table
        key = table_asset_key(table)
        if key in known:
            specs.append(
                AssetCheckSpec(
                    name=check_name(name),
                    asset=key,
                    description=f"Expectation suite expectations/suites/{name}.py on {table}",
                )
            )
    return specs


def build_suite_checks(asset_keys: Iterable[AssetKey], name: str = "quality_suites"):
    specs = suite_specs(asset_keys)

    @multi_asset_check(
        name=name,
        specs=specs,
        can_subset=True,
        pool=WAREHOUSE_POOL,
        op_tags=SUITES_PRIORITY,
        description="Great Expectations suites (expectations/suites) run inside DuckDB.",
    )
    def _checks(context, warehouse: DuckDBResource):
        selected = sorted(suite_of_check(k.name) for k in context.selected_asset_check_keys)
        run_id = context.run.run_id
        with warehouse.get_connection() as connection:
            reports = audit.run_suites(connection, selected)
            prints = {r.suite: audit.fingerprint(connection, r.table) for r in reports}
            html = audit.record(connection, run_id, reports, audit.report_dir())
        for report in reports:
            yield check_result(report, prints[report.suite], html)

    return _checks


# --- freshness of each source ---------------------------------------------------------


def build_freshness_checks(name: str = "raw_freshness"):
    specs = [
        AssetCheckSpec(
            name=FRESHNESS_CHECK,
            asset=AssetKey(["raw", c.name]),
            description=f"Newest _loaded_at of raw.{c.name} ({c.source}) within "
            f"{freshness.FRESHNESS_ENV} hours (default {freshness.DEFAULT_FRESHNESS_HOURS:g}).",
        )
        for c in CONTRACTS
    ]

    @multi_asset_check(name=name, specs=specs, can_subset=True, pool=WAREHOUSE_POOL)
    def _freshness(context, warehouse: DuckDBResource):
        tables = sorted(f"raw.{k.asset_key.path[-1]}" for k in context.selected_asset_check_keys)
        with warehouse.get_connection() as connection:
            newest = freshness.raw_freshness(connection, tables)
        for verdict in freshness.assess(newest, freshness.freshness_max_hours()):
            yield AssetCheckResult(
                asset_key=AssetKey(verdict.table.split(".")),
                check_name=FRESHNESS_CHECK,
                passed=verdict.passed,
                severity=AssetCheckSeverity.WARN,
                description=verdict.description,
                metadata={
                    "newest_loaded_at": verdict.loaded or "never",
                    "age_hours": verdict.hours if verdict.hours is not None else -1.0,
                    "max_age_hours": verdict.limit,
                },
            )

    return _freshness
