"""Data-quality asset checks: the GX suites on the dbt assets, and freshness of each source.

- `quality_suites`: one blocking asset check `gx_<suite>` per suite in expectations/suites,
  on the dbt asset of the suite's table (dagster-dbt's default key `<schema>/<table>`).
  One step runs the selected suites (one warehouse connection, one GX set-up), records
  them in schema `quality`, writes data/quality/<run>.html and latest.html, and reports
  per suite: failed expectations, observed values, unexpected counts and failing rows.
  A blocking check that fails with ERROR severity fails its step and Dagster skips every
  downstream asset, `publish` included.
- `raw_freshness`: one `freshness` check per raw table: newest `_loaded_at` vs
  CLOSEDLOOP_FRESHNESS_MAX_HOURS (default 48). A warning, not blocking: stale data is
  still correct data; the newest load per source is also written into `_published_runs`.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence
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

from expectations import suites
from expectations.runner import ValidationReport
from ingestion.contracts import CONTRACTS
from orchestration.checks import audit
from orchestration.settings import WAREHOUSE_POOL, Settings

CHECK_PREFIX = "gx_"
FRESHNESS_CHECK = "freshness"
FRESHNESS_ENV = "CLOSEDLOOP_FRESHNESS_MAX_HOURS"
DEFAULT_FRESHNESS_HOURS = 48.0
SAMPLE_IN_MARKDOWN = 10


def check_name(suite: str) -> str:
    return f"{CHECK_PREFIX}{suite}"


def suite_of_check(name: str) -> str | None:
    return name[len(CHECK_PREFIX) :] if name.startswith(CHECK_PREFIX) else None


def table_asset_key(table: str) -> AssetKey:
    """'core.fct_opportunities' -> AssetKey(['core', 'fct_opportunities']) (dagster-dbt)."""
    return AssetKey(table.split("."))


def report_dir() -> Path:
    return Settings.from_env().data_dir / "quality"


# --- metadata a human can act on ------------------------------------------------------


def _cell(value) -> str:
    text = "" if value is None else str(value)
    text = text.replace("|", "\\|").replace("\n", " ")
    return text if len(text) <= 60 else text[:57] + "..."


def rows_markdown(rows: Sequence[dict], limit: int = SAMPLE_IN_MARKDOWN) -> str:
    if not rows:
        return "_no row sample (see observed value)_"
    columns = list(dict.fromkeys(c for row in rows[:limit] for c in row))
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for row in rows[:limit]:
        lines.append("| " + " | ".join(_cell(row.get(c)) for c in columns) + " |")
    if len(rows) > limit:
        lines.append(f"\n_{len(rows) - limit} more rows in `failing_rows`_")
    return "\n".join(lines)


def report_markdown(report: ValidationReport) -> str:
    failed = [r for r in report.results if not r.success]
    if not failed:
        return f"All {len(report.results)} expectations passed on `{report.table}`."
    parts = [f"**{len(failed)} of {len(report.results)} expectations failed on `{report.table}`**"]
    for r in failed:
        parts.append(
            f"\n### {'BLOCKING' if r.severity == 'blocking' else 'warning'}:"
            f" {r.description or r.expectation_type}\n"
            f"- expectation: `{r.expectation_type}` {r.kwargs}\n"
            f"- unexpected: {r.unexpected_count}\n"
            f"- observed: {audit._short(r.observed_value, 300)}\n"
            + (f"- error: {r.error}\n" if r.error else "")
            + "\n"
            + rows_markdown(r.sample)
        )
    return "\n".join(parts)


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
        metadata["observed_value"] = audit._short(first.observed_value, 300)
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
    """A blocking check per suite whose table is one of `asset_keys` (the dbt assets).

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
                    blocking=True,
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
        description="Great Expectations suites (expectations/suites) run inside DuckDB.",
    )
    def _checks(context, warehouse: DuckDBResource):
        selected = sorted(suite_of_check(k.name) for k in context.selected_asset_check_keys)
        run_id = context.run.run_id
        with warehouse.get_connection() as connection:
            reports = audit.run_suites(connection, selected)
            prints = {r.suite: audit.fingerprint(connection, r.table) for r in reports}
            html = audit.record(connection, run_id, reports, report_dir())
        for report in reports:
            yield check_result(report, prints[report.suite], html)

    return _checks


# --- freshness of each source ---------------------------------------------------------


def freshness_max_hours() -> float:
    raw = os.environ.get(FRESHNESS_ENV)
    return float(raw) if raw else DEFAULT_FRESHNESS_HOURS


def raw_tables() -> list[str]:
    return [f"raw.{c.name}" for c in CONTRACTS]


def build_freshness_checks(name: str = "raw_freshness"):
    specs = [
        AssetCheckSpec(
            name=FRESHNESS_CHECK,
            asset=AssetKey(["raw", c.name]),
            description=f"Newest _loaded_at of raw.{c.name} ({c.source}) within "
            f"{FRESHNESS_ENV} hours (default {DEFAULT_FRESHNESS_HOURS:g}).",
        )
        for c in CONTRACTS
    ]

    @multi_asset_check(name=name, specs=specs, can_subset=True, pool=WAREHOUSE_POOL)
    def _freshness(context, warehouse: DuckDBResource):
        tables = sorted(f"raw.{k.asset_key.path[-1]}" for k in context.selected_asset_check_keys)
        with warehouse.get_connection() as connection:
            newest = audit.raw_freshness(connection, tables)
        limit = freshness_max_hours()
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        for table in tables:
            loaded = newest[table]
            age = None if loaded is None else (now - dt.datetime.fromisoformat(loaded))
            hours = None if age is None else round(age.total_seconds() / 3600, 2)
            passed = hours is not None and hours <= limit
            yield AssetCheckResult(
                asset_key=AssetKey(table.split(".")),
                check_name=FRESHNESS_CHECK,
                passed=passed,
                severity=AssetCheckSeverity.WARN,
                description=(
                    None
                    if passed
                    else f"{table}: no rows loaded yet"
                    if loaded is None
                    else f"{table}: newest load {hours} h ago (limit {limit:g} h)"
                ),
                metadata={
                    "newest_loaded_at": loaded or "never",
                    "age_hours": hours if hours is not None else -1.0,
                    "max_age_hours": limit,
                },
            )

    return _freshness
