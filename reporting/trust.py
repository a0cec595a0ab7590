"""Summary sections about trust: what was quarantined, and what BI reads (held back or not).

`quarantine` reads the warehouse's `raw._quarantine` (counts per source, then per source and
reason kind with one record named by file and locator); `published` reads the serving
file's `_published_runs` and `_published_tables` (docs/resilience.md §2).
"""

from __future__ import annotations

import duckdb

from expectations.data_quality import handled_oddities


def quarantine(con) -> list[str]:
    """Counts per source, then per source and reason kind with one record named."""
    rows = con.execute("""
        select source, count(*) from raw._quarantine group by source order by source
    """).fetchall()
    total = sum(n for _, n in rows)
    lines = [
        f"    {total:,} quarantined records"
        + ("  (" + ", ".join(f"{s} {n:,}" for s, n in rows) + ")" if rows else "")
    ]
    kinds = con.execute("""
        select source, reason_kind, count(*),
               arg_min(_file || coalesce(' ' || nullif(locator, ''), '') || ': ' || reason,
                       _file || locator || reason)
        from raw._quarantine
        group by source, reason_kind
        order by source, reason_kind
    """).fetchall()
    for source, kind, n, example in kinds:
        text = example if len(example) <= 110 else example[:107] + "..."
        lines.append(f"      {source:<13}{kind:<24}{n:>5}  e.g. {text}")
    return lines


def published(serving_path) -> list[str]:
    """What BI tools read: the serving file, its latest publication, tables held back."""
    if not serving_path.exists():
        return [f"    nothing published yet at {serving_path}"]
    with duckdb.connect(str(serving_path), read_only=True) as serving:
        run_id, published_at, tables = serving.execute("""
            select run_id, published_at, len(json_keys(tables::json))
            from _published_runs order by published_at desc limit 1
        """).fetchone()
        try:
            status = serving.execute("""
                select table_name, status, data_run_id, data_published_at, held_back_reason
                from _published_tables order by table_name
            """).fetchall()
        except duckdb.CatalogException:  # a file written before per-table status
            status = []
    size_mb = serving_path.stat().st_size / 1e6
    held = [row for row in status if row[1] != "fresh"]
    lines = [
        f"    {serving_path}  ({size_mb:,.0f} MB, {len(status) or tables} tables"
        + (f", {len(held)} held back" if held else "")
        + ")",
        f"    run {run_id} published at {published_at:%Y-%m-%d %H:%M:%S} UTC",
    ]
    for table, _state, data_run, data_at, _ in held:
        since = (
            f"keeps the data of run {data_run} ({data_at:%Y-%m-%d %H:%M} UTC)"
            if data_run
            else "absent: never published"
        )
        lines.append(f"    HELD BACK {table}  ({since})")
    if held:
        lines.append("    failed checks on those tables or upstream of them, with offending rows:")
        for block in _blockers([row[4] for row in held]):
            lines += [f"      {line}" for line in block]
    return lines


def _blockers(reasons: list[str | None], rows_per_check: int = 3) -> list[list[str]]:
    """Each failed check named in the reasons, once: its line and its first rows."""
    blocks: dict[str, list[str]] = {}
    for reason in reasons:
        current: list[str] | None = None
        for line in (reason or "").splitlines():
            if line.startswith("- "):
                current = None if line in blocks else blocks.setdefault(line, [line])
            elif current is not None and line.strip() and len(current) <= rows_per_check + 1:
                current.append(line)
    return [[_cut(line) for line in block] for block in blocks.values()]


def _cut(line: str, limit: int = 160) -> str:
    return line if len(line) <= limit else line[: limit - 3] + "..."


def oddities(con) -> list[str]:
    """The odd records the models handled (metrics.mart_data_quality), one line per check."""
    found = handled_oddities(con)
    return [f"    {o.text()}" for o in found] or ["    none: no odd record in this data"]
