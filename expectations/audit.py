"""Run the expectation suites for a set of tables and turn the reports into a verdict.

Used by the Dagster asset checks (visibility, one result per suite) and by the publish
audit (expectations.publish.gate, the gate itself). A suite whose table does not exist, or that
cannot run at all, yields a report with one failed *blocking* result saying so: a
published mart that is missing must stop publication, never crash the gate.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb

from closedloop.settings import Settings
from expectations import history, suites
from expectations.checks import BLOCKING
from expectations.gx_duckdb import split_table
from expectations.html_report import write_html_report
from expectations.markdown import short
from expectations.results import ExpectationResult, ValidationReport
from expectations.runner import validate

log = logging.getLogger(__name__)

# Suites that are not about a published table (kept, not run by the gate).
NOT_GATED: frozenset[str] = frozenset()

# The name of a suite's check, in Dagster and in the gate's messages: gx_<suite>.
CHECK_PREFIX = "gx_"


def check_name(suite: str) -> str:
    return f"{CHECK_PREFIX}{suite}"


def suite_of_check(name: str) -> str | None:
    return name[len(CHECK_PREFIX) :] if name.startswith(CHECK_PREFIX) else None


def report_dir() -> Path:
    """Where the HTML pages of the validation runs go: <data>/quality."""
    return Settings.from_env().data_dir / "quality"


def suites_by_table() -> dict[str, list[str]]:
    """'schema.table' -> the names of the suites that check it."""
    out: dict[str, list[str]] = {}
    for name in suites.available():
        if name in NOT_GATED:
            continue
        out.setdefault(suites.load(name).table, []).append(name)
    return out


def table_exists(connection: duckdb.DuckDBPyConnection, table: str) -> bool:
    schema, name = split_table(table)
    return bool(
        connection.execute(
            "select count(*) from information_schema.tables"
            " where table_catalog = current_database() and table_schema = ? and table_name = ?",
            [schema, name],
        ).fetchone()[0]
    )


def _failed_report(name: str, table: str, kind: str, message: str) -> ValidationReport:
    result = ExpectationResult(
        expectation_type=kind,
        description=message,
        severity=BLOCKING,
        success=False,
        kwargs={"table": table},
        observed_value=None,
        unexpected_count=None,
        sample=[],
        error=message,
    )
    return ValidationReport(
        suite=name, table=table, success=False, results=[result], row_count=None
    )


def run_suite(connection: duckdb.DuckDBPyConnection, name: str) -> ValidationReport:
    """One suite on its table; a missing table or a crash is a failed blocking report."""
    try:
        suite = suites.load(name)
    except Exception as error:  # a broken suite module must be visible, not fatal
        return _failed_report(name, "?", "suite_loads", f"suite {name} does not load: {error}")
    if not table_exists(connection, suite.table):
        return _failed_report(
            name,
            suite.table,
            "table_exists",
            f"table {suite.table} does not exist in the warehouse (not built, or renamed)",
        )
    try:
        return validate(connection, suite)
    except Exception as error:
        log.error("suite %s crashed:\n%s", name, traceback.format_exc())
        return _failed_report(
            name, suite.table, "suite_runs", f"suite {name} could not run: {error!r}"
        )


def run_suites(
    connection: duckdb.DuckDBPyConnection, names: Iterable[str]
) -> list[ValidationReport]:
    return [run_suite(connection, name) for name in names]


@dataclass(frozen=True)
class Verdict:
    reports: list[ValidationReport]

    @property
    def blocked(self) -> list[ValidationReport]:
        return [r for r in self.reports if not r.publishable]

    @property
    def publishable(self) -> bool:
        return not self.blocked

    def failure_names(self) -> list[str]:
        """'suite: expectation' for every failed blocking expectation."""
        return [
            f"{r.suite} ({r.table}): {x.description or x.expectation_type}"
            for r in self.reports
            for x in r.blocking_failures
        ]

    def explain(self, sample_rows: int = 5) -> str:
        """A message a human can act on: which check failed, observed value, rows."""
        lines = []
        for r in self.blocked:
            for x in r.blocking_failures:
                lines.append(
                    f"- {r.suite} on {r.table}: {x.description or x.expectation_type}"
                    f" [{x.expectation_type}] unexpected={x.unexpected_count}"
                    f" observed={short(x.observed_value)}"
                    + (f" error={x.error}" if x.error else "")
                )
                for row in x.sample[:sample_rows]:
                    lines.append(f"    {short(row, 300)}")
        return "\n".join(lines)

    def summary(self) -> dict:
        return {
            "suites": len(self.reports),
            "failed_suites": sum(not r.success for r in self.reports),
            "blocking_failures": len(self.failure_names()),
            "warnings": sum(len(r.warnings) for r in self.reports),
        }


def record(
    connection: duckdb.DuckDBPyConnection,
    run_id: str,
    reports: Sequence[ValidationReport],
    report_dir: Path,
) -> Path | None:
    """History rows in schema quality and the run's HTML page; never raises (logged).

    The page shows every suite validated in this run so far (latest result per suite,
    read back from the history), so the publish audit adding a suite keeps the checks'.
    """
    try:
        history.record(connection, run_id, reports)
        page_reports = history.reports_from_history(connection, run_id) or list(reports)
    except Exception:
        log.error("could not record validation history:\n%s", traceback.format_exc())
        page_reports = list(reports)
    try:
        return write_html_report(page_reports, report_dir, run_id)
    except Exception:
        log.error("could not write the HTML report:\n%s", traceback.format_exc())
        return None


def fingerprint(connection: duckdb.DuckDBPyConnection, table: str) -> str | None:
    """Order-independent content hash of a table (count + sum of row hashes); None if absent.

    The checks store it with their result; the publish step recomputes it to know that
    the table it is about to copy is the one the checks validated (no rebuild since).
    """
    if not table_exists(connection, table):
        return None
    schema, name = split_table(table)
    count, total = connection.execute(
        f'select count(*), sum(hash(t)::hugeint) from "{schema}"."{name}" as t'
    ).fetchone()
    return f"{count}:{total}"
