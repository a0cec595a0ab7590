"""Reports as text a human can act on: Markdown for Dagster metadata and refusal messages."""

from __future__ import annotations

import json
from collections.abc import Sequence

from expectations.results import ValidationReport

SAMPLE_IN_MARKDOWN = 10


def short(value, limit: int = 160) -> str:
    """A JSON rendering of `value`, cut to `limit` characters."""
    text = json.dumps(value, default=str, sort_keys=True)
    return text if len(text) <= limit else text[: limit - 3] + "..."


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
            f"- observed: {short(r.observed_value, 300)}\n"
            + (f"- error: {r.error}\n" if r.error else "")
            + "\n"
            + rows_markdown(r.sample)
        )
    return "\n".join(parts)
