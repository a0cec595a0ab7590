"""The publish step's audit and per-table publication, without Dagster.

docs/quality-gate.md and docs/resilience.md §2.

1. Audit (`audit_tables`). Every suite of every published table is judged. A suite's
   result from this run's checks is reused when the table's fingerprint (row count + hash
   of all rows) is unchanged since the check; otherwise (check not run, or the table
   rebuilt since) the suite is validated again here, right before copying. Failed ERROR
   checks of this run that are not suites (dbt tests, on any asset) and missing published
   tables are blockers too.
2. Decide per table (`Gate.held_back`). A published table is held back when a blocker sits
   on the table itself or on any asset upstream of it (`upstream`: the lineage, given by
   the caller); every other table is fresh.
3. Publish (`publish_audited`). `serving.publish` writes the fresh tables from the
   warehouse and carries the held-back ones over from the previous serving file, with a
   `_published_tables` row each saying which run its data comes from and why it was held
   back. The fresh tables' row counts become their next drift baseline.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from expectations import audit, history, suites
from expectations.data_quality import handled_oddities
from expectations.freshness import raw_freshness, raw_tables
from expectations.html_report import write_html_report
from expectations.markdown import short
from expectations.publish.serving import PublishResult, publish
from expectations.results import ValidationReport

SAMPLE_ROWS = 5
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Blocker:
    """A failed blocking check: on which asset ('schema.table'), which check, what it saw."""

    asset: str
    check: str
    detail: str = ""

    def text(self) -> str:
        return f"{self.asset}: {self.check}" + (f"\n{self.detail}" if self.detail else "")


def suite_blockers(report: ValidationReport, sample_rows: int = SAMPLE_ROWS) -> list[Blocker]:
    """One blocker per failed blocking expectation of `report`, naming its failing rows."""
    out = []
    for x in report.blocking_failures:
        lines = [
            f"  [{x.expectation_type}] unexpected={x.unexpected_count}"
            f" observed={short(x.observed_value)}" + (f" error={x.error}" if x.error else "")
        ]
        lines += [f"    row {row_text(row)}" for row in x.sample[:sample_rows]]
        name = f"{audit.check_name(report.suite)}: {x.description or x.expectation_type}"
        out.append(Blocker(report.table, name, "\n".join(lines)))
    return out


def row_text(row: Mapping, limit: int = 300) -> str:
    """A failing row as `column=value, ...` in the table's column order (keys come first)."""
    text = ", ".join(f"{k}={v}" for k, v in row.items()) if isinstance(row, Mapping) else str(row)
    return text if len(text) <= limit else text[: limit - 3] + "..."


@dataclass(frozen=True)
class Gate:
    reports: list[ValidationReport]  # suites validated in the publish step
    reused: dict[str, bool]  # suite -> this run's check result, reused
    other_failures: list[Blocker] = field(default_factory=list)  # failed non-suite checks
    missing: list[str] = field(default_factory=list)  # published tables not in the warehouse
    reused_failed: list[ValidationReport] = field(default_factory=list)  # their reports

    def blockers(self) -> list[Blocker]:
        out = [
            Blocker(t, "table_exists", "the table does not exist in the warehouse")
            for t in self.missing
        ]
        failed_reused = {r.suite for r in self.reused_failed}
        for suite, passed in sorted(self.reused.items()):
            if not passed and suite not in failed_reused:  # history lost: name the check
                out.append(Blocker(_table_of(suite), audit.check_name(suite), "failed"))
        for report in [*self.reused_failed, *self.reports]:
            out += suite_blockers(report)
        return out + list(self.other_failures)

    def failures(self) -> list[str]:
        """Every blocker as one line: 'asset: check'."""
        return [f"{b.asset}: {b.check}" for b in self.blockers()]

    def held_back(
        self, tables: Sequence[str], upstream: Mapping[str, Iterable[str]]
    ) -> dict[str, list[Blocker]]:
        """table -> the blockers on it or upstream of it, for every table held back."""
        by_asset: dict[str, list[Blocker]] = {}
        for blocker in self.blockers():
            by_asset.setdefault(blocker.asset, []).append(blocker)
        out = {}
        for table in tables:
            touched = [table, *sorted(set(upstream.get(table, ())) - {table})]
            found = [b for asset in touched for b in by_asset.get(asset, [])]
            if found:
                out[table] = found
        return out

    def check_summary(self) -> dict:
        """What `_published_runs.checks` records about the audit."""
        return {
            "suites_reused_from_checks": sorted(self.reused),
            "suites_validated_at_publish": sorted(r.suite for r in self.reports),
            "warnings": sum(len(r.warnings) for r in self.reports),
            "blockers": self.failures(),
        }


def _table_of(suite: str) -> str:
    try:
        return suites.load(suite).table
    except Exception:  # a suite that no longer loads still names itself
        return suite


def audit_tables(
    connection,
    tables: Sequence[str],
    run_id: str,
    checked: Mapping[str, tuple[bool, str | None]],
    other_failures: Iterable[Blocker] = (),
) -> Gate:
    """Audit `tables` given this run's suite checks (`checked`: suite -> (passed, fingerprint))."""
    by_table = audit.suites_by_table()
    missing = [t for t in tables if not audit.table_exists(connection, t)]
    to_run, reused = [], {}
    for table in tables:
        if table in missing:
            continue
        current = audit.fingerprint(connection, table)
        for suite in by_table.get(table, []):
            seen = checked.get(suite)
            if seen is not None and seen[1] == current:
                reused[suite] = seen[0]
            else:
                to_run.append(suite)
    # Suites on tables that are not published (e.g. a mart not built yet) are not gated.
    reports = audit.run_suites(connection, to_run)
    if reports:
        audit.record(connection, run_id, reports, audit.report_dir())
    failed = {s for s, passed in reused.items() if not passed}
    reused_failed = []
    if failed:
        reused_failed = [
            r for r in history.reports_from_history(connection, run_id) if r.suite in failed
        ]
    return Gate(reports, reused, list(other_failures), missing, reused_failed)


@dataclass(frozen=True)
class Publication:
    result: PublishResult
    freshness: dict
    check_summary: dict
    held_back: dict[str, list[Blocker]]


def publish_audited(
    connection,
    gate: Gate,
    serving_path: str | Path,
    tables: Sequence[str],
    run_id: str,
    upstream: Mapping[str, Iterable[str]] | None = None,
) -> Publication:
    """Write the serving file: fresh tables from the warehouse, held-back ones carried over."""
    held = gate.held_back(tables, upstream or {})
    freshness = raw_freshness(connection, raw_tables())
    summary = gate.check_summary()
    result = publish(
        connection,
        serving_path,
        tables,
        run_id=run_id,
        freshness=freshness,
        check_summary=summary,
        held_back={t: reason_text(blockers) for t, blockers in held.items()},
    )
    fresh_counts = {t: n for t, n in result.row_counts.items() if t not in held}
    history.record_publication(connection, run_id, fresh_counts, result.published_at)
    _report_publication(connection, run_id, {t: reason_text(b) for t, b in held.items()})
    return Publication(result, freshness, summary, held)


def _report_publication(connection, run_id: str, held: Mapping[str, str]) -> None:
    """The run's HTML quality page again, now saying which tables were held back and why,
    and which odd records the models handled."""
    try:
        reports = history.reports_from_history(connection, run_id)
        oddities = handled_oddities(connection)
        write_html_report(reports, audit.report_dir(), run_id, held_back=held, oddities=oddities)
    except Exception:  # the page is an explanation, never a reason to fail a publication
        log.error("could not write the publication into the HTML report", exc_info=True)


def reason_text(blockers: Sequence[Blocker]) -> str:
    """Why a table is held back: each blocker, its check and its offending rows."""
    return "\n".join(f"- {b.text()}" for b in blockers)


def held_back_text(held: Mapping[str, Sequence[Blocker]], serving_path: str | Path) -> str:
    """The operator's message: which tables were held back in `serving_path`, and why."""
    if not held:
        return ""
    lines = [f"{len(held)} published table(s) held back in {serving_path} (previous version kept):"]
    for table, blockers in sorted(held.items()):
        own = [b for b in blockers if b.asset == table]
        up = sorted({b.asset for b in blockers if b.asset != table})
        why = "; ".join(b.check for b in own)
        if up:
            why += ("; " if why else "") + "upstream failed: " + ", ".join(up)
        lines.append(f"- {table}: {why}")
    lines.append("\nFailed checks and their rows:")
    seen = set()
    for blockers in held.values():
        for b in blockers:
            if (b.asset, b.check) not in seen:
                seen.add((b.asset, b.check))
                lines.append(f"- {b.text()}")
    return "\n".join(lines)
