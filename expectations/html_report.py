"""A self-contained HTML page per validation run, written under `<data>/quality/`.

Our own small page rather than GX Data Docs: Data Docs needs a file-backed context
(we use an ephemeral one), pulls its CSS and JavaScript from CDNs (this machine is
offline) and does not show our failing-row samples. This page has no external asset.
"""

from __future__ import annotations

import html
import json
import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from expectations.data_quality import Oddity
from expectations.results import ValidationReport

_STYLE = """
body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:3px 6px;
vertical-align:top;text-align:left}th{background:#f3f3f3}.pass{color:#1a7f37}.fail{color:#cf222e}
.warn{color:#9a6700}pre{margin:0;max-width:60em;white-space:pre-wrap;font-size:12px}
"""


def write_html_report(
    reports: Sequence[ValidationReport],
    out_dir: str | Path,
    run_id: str,
    held_back: Mapping[str, str] | None = None,
    oddities: Sequence[Oddity] = (),
) -> Path:
    """Write `<out_dir>/<run_id>.html` and refresh `latest.html`; returns the run's page.

    `held_back` (table -> reason), once the run has published: the tables kept at their
    previous version, shown first; `oddities`: what the models handled (data-quality mart).
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    page = render(reports, run_id, held_back, oddities)
    path = out / f"{_safe(run_id)}.html"
    path.write_text(page, encoding="utf-8")
    tmp = out / ".latest.html.tmp"
    tmp.write_text(page, encoding="utf-8")
    os.replace(tmp, out / "latest.html")  # a reader never sees half a page
    return path


def _publication(held_back: Mapping[str, str] | None) -> str:
    e = html.escape
    if held_back is None:
        return ""
    if not held_back:
        return '<p class="pass">Published: every table is fresh from this run.</p>'
    rows = "".join(
        f"<tr><td>{e(t)}</td><td><pre>{e(reason)}</pre></td></tr>"
        for t, reason in sorted(held_back.items())
    )
    return (
        f'<h2 class="fail">Held back: {len(held_back)} published table(s) kept at their'
        " previous version</h2><table><tr><th>table</th><th>why (failed checks on it or"
        f" upstream, with offending rows)</th></tr>{rows}</table>"
    )


def _oddities(oddities: Sequence[Oddity]) -> str:
    e = html.escape
    if not oddities:
        return ""
    rows = "".join(
        f"<tr><td>{e(o.check_name)}</td><td>{e(o.severity)}</td><td>{e(o.source)}</td>"
        f"<td>{e(o.object)}</td><td>{o.affected_rows:,}</td>"
        f"<td>{'' if o.affected_amount_usd is None else f'{o.affected_amount_usd:,.2f}'}</td>"
        f"<td>{e(o.example_ids or '')}</td></tr>"
        for o in oddities
    )
    return (
        "<h2>Odd records handled by the models (metrics.mart_data_quality)</h2>"
        "<table><tr><th>check</th><th>severity</th><th>source</th><th>object</th>"
        f"<th>records</th><th>amount (USD)</th><th>example ids</th></tr>{rows}</table>"
    )


def render(
    reports: Sequence[ValidationReport],
    run_id: str,
    held_back: Mapping[str, str] | None = None,
    oddities: Sequence[Oddity] = (),
) -> str:
    e = html.escape
    blocked = [r for r in reports if not r.publishable]
    verdict = (
        f'<p class="fail">Blocked: {len(blocked)} suite(s) with blocking failures.</p>'
        if blocked
        else '<p class="pass">All blocking checks passed.</p>'
    )
    parts = [
        f"<!doctype html><html><head><meta charset='utf-8'><title>Data quality {e(run_id)}"
        f"</title><style>{_STYLE}</style></head><body><h1>Data quality — run {e(run_id)}</h1>",
        _publication(held_back),
        _oddities(oddities),
        verdict,
        "<table><tr><th>suite</th><th>table</th><th>rows</th><th>result</th>"
        "<th>failed (blocking)</th><th>validated at (UTC)</th></tr>",
    ]
    for r in reports:
        s = r.summary()
        parts.append(
            f"<tr><td><a href='#{e(r.suite)}'>{e(r.suite)}</a></td><td>{e(r.table)}</td>"
            f"<td>{s['row_count']}</td><td>{_status(r.success, r.publishable)}</td>"
            f"<td>{s['failed']} ({s['blocking_failed']})</td>"
            f"<td>{e(r.validated_at.isoformat(timespec='seconds'))}</td></tr>"
        )
    parts.append("</table>")
    for r in reports:
        parts.append(f"<h2 id='{e(r.suite)}'>{e(r.suite)} <small>{e(r.table)}</small></h2>")
        parts.append(
            "<table><tr><th>check</th><th>severity</th><th>result</th><th>observed</th>"
            "<th>unexpected</th><th>failing rows (sample)</th></tr>"
        )
        for x in r.results:
            result = _status(x.success, x.success or x.severity != "blocking")
            detail = x.error or (json.dumps(x.sample, indent=1, default=str) if x.sample else "")
            parts.append(
                f"<tr><td>{e(x.description or x.expectation_type)}<br><small>"
                f"{e(x.expectation_type)}</small></td><td>{e(x.severity)}</td><td>{result}</td>"
                f"<td>{e(_short(x.observed_value))}</td><td>{x.unexpected_count if x.unexpected_count is not None else ''}</td>"  # noqa: E501
                f"<td><pre>{e(detail)}</pre></td></tr>"
            )
        parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts)


def _status(success: bool, publishable: bool) -> str:
    if success:
        return '<span class="pass">pass</span>'
    return '<span class="warn">warning</span>' if publishable else '<span class="fail">FAIL</span>'


def _short(value) -> str:
    text = "" if value is None else json.dumps(value, default=str)
    return text if len(text) <= 120 else text[:117] + "..."


def _safe(run_id: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in run_id)
