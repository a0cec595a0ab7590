"""The publish step's audit and publication, without Dagster (docs/quality-gate.md).

1. Audit (`audit_tables`). Every suite of every published table must pass. A suite's
   result from this run's checks is reused when the table's fingerprint (row count + hash
   of all rows) is unchanged since the check; otherwise (check not run, or the table
   rebuilt since) the suite is validated again here, right before copying. Failed ERROR
   checks of this run that are not suites (dbt tests) and missing published tables block.
2. Refuse, or publish (`publish_audited`). On a blocking failure the caller refuses with
   `refusal_text`; the serving file is not touched. Otherwise `serving.publish` replaces
   it atomically (storage v1.4.0, PII dropped or hashed, `_published_runs`), and the
   published row counts become the next run's drift baseline (quality.published_tables).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from expectations import audit, history
from expectations.freshness import raw_freshness, raw_tables
from expectations.markdown import report_markdown
from expectations.publish.serving import PublishResult, publish
from expectations.results import ValidationReport


@dataclass(frozen=True)
class Gate:
    reports: list[ValidationReport]  # suites validated in the publish step
    reused: dict[str, bool]  # suite -> this run's check result, reused
    other_failures: list[str] = field(default_factory=list)  # failed non-suite checks
    missing: list[str] = field(default_factory=list)  # published tables not in the warehouse

    def failures(self) -> list[str]:
        out = [f"table {t} does not exist in the warehouse" for t in self.missing]
        out += [
            f"{s}: check {audit.check_name(s)} failed in this run"
            for s, passed in self.reused.items()
            if not passed
        ]
        out += audit.Verdict(self.reports).failure_names()
        out += self.other_failures
        return out

    def check_summary(self) -> dict:
        """What `_published_runs.checks` records about the audit."""
        return {
            "suites_reused_from_checks": sorted(self.reused),
            "suites_validated_at_publish": sorted(r.suite for r in self.reports),
            "warnings": sum(len(r.warnings) for r in self.reports),
        }

    def details_markdown(self) -> str:
        return "\n\n".join(report_markdown(r) for r in self.reports if not r.publishable)


def audit_tables(
    connection,
    tables: Sequence[str],
    run_id: str,
    checked: Mapping[str, tuple[bool, str | None]],
    other_failures: Iterable[str] = (),
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
    return Gate(reports, reused, list(other_failures), missing)


@dataclass(frozen=True)
class Publication:
    result: PublishResult
    freshness: dict
    check_summary: dict


def publish_audited(
    connection, gate: Gate, serving_path: str | Path, tables: Sequence[str], run_id: str
) -> Publication:
    """Replace the serving file with `tables` after a clean audit; record the drift baseline."""
    freshness = raw_freshness(connection, raw_tables())
    summary = gate.check_summary()
    result = publish(
        connection,
        serving_path,
        tables,
        run_id=run_id,
        freshness=freshness,
        check_summary=summary,
        blocking_failures=gate.failures(),
    )
    history.record_publication(connection, run_id, result.row_counts, result.published_at)
    return Publication(result, freshness, summary)


def refusal_text(gate: Gate, failures: Sequence[str], serving_path: str | Path) -> str:
    """Why nothing was published: each failed check, its observed value and failing rows."""
    explanation = audit.Verdict(gate.reports).explain()
    return (
        f"not published: {len(failures)} blocking check(s) failed; the serving"
        f" file {serving_path} is unchanged.\n"
        + "\n".join(f"- {f}" for f in failures)
        + (f"\n\nFailing rows:\n{explanation}" if explanation else "")
    )
