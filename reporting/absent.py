"""Which sources never loaded anything (docs/real-inputs.md §5).

A source is absent when every raw table of it is empty (or missing) and nothing of it was
quarantined: the company does not use that vendor, or its exports never arrived. Its raw
tables exist empty, so the pipeline still builds; the run summary names it.
"""

from __future__ import annotations

import duckdb

from ingestion.contracts import BY_NAME, SOURCES


def _raw_tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {
        name
        for (name,) in con.execute(
            "select table_name from information_schema.tables where table_schema = 'raw'"
        ).fetchall()
    }


def absent_sources(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The sources (in `SOURCES` order) of which no row was ever loaded or quarantined."""
    tables = _raw_tables(con)
    rows = {source: 0 for source in SOURCES}
    for name in tables & BY_NAME.keys():
        rows[BY_NAME[name].source] += con.execute(f'select count(*) from raw."{name}"').fetchone()[
            0
        ]
    if "_quarantine" in tables:
        for source, quarantined in con.execute(
            "select source, count(*) from raw._quarantine group by source"
        ).fetchall():
            rows[source] = rows.get(source, 0) + quarantined
    return [source for source in SOURCES if rows[source] == 0]
