"""Summary sections about trust: what was quarantined, and what BI reads (held back or not).

`quarantine` reads the warehouse's `raw._quarantine` (counts per source, then per source and
reason kind with one record named by file and locator); `published` reads the serving
file's `_published_runs` and `_published_tables` (docs/resilience.md §2).
"""

from __future__ import annotations

import duckdb


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
    by_reason: dict[str, list[tuple]] = {}
    for row in held:
        by_reason.setdefault(row[4] or "", []).append(row)
    for reason, rows in by_reason.items():
        for table, _state, data_run, data_at, _ in rows:
            since = (
                f"keeps the data of run {data_run} ({data_at:%Y-%m-%d %H:%M} UTC)"
                if data_run
                else "absent: never published"
            )
            lines.append(f"    HELD BACK {table}  ({since})")
        lines.append("      because:")
        lines += [f"        {line}" for line in _reason_lines(reason)]
    return lines


def _reason_lines(reason: str | None, limit: int = 8) -> list[str]:
    """The first lines of a held-back reason (the checks and a few offending rows)."""
    lines = [line for line in (reason or "").splitlines() if line.strip()]
    cut = [line if len(line) <= 160 else line[:157] + "..." for line in lines[:limit]]
    if len(lines) > limit:
        cut.append(f"... {len(lines) - limit} more line(s) in _published_tables")
    return cut
