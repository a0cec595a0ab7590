"""Documentation inside the serving file: COMMENTs and the `_catalog` table.

docs/bi-contract.md §3. dbt writes every model and column description as a DuckDB COMMENT
in the warehouse (`+persist_docs`); publish copies them onto the serving file's tables (a
held-back table carries its comments over from the previous file), comments its own
bookkeeping tables, and writes `main._catalog` (one row per published table × column, with
the unit) for BI tools that do not read comments.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

CATALOG = "_catalog"

BOOKKEEPING = {
    "_published_runs": (
        "One row per publication of this file (run_id): when, the fresh tables and their row"
        " counts (JSON), source freshness and the quality-gate summary (JSON).",
        {
            "run_id": "Dagster run that published (key).",
            "published_at": "When the file was published, UTC.",
            "tables": "JSON: table -> row count of the tables this run published fresh.",
            "freshness": "JSON: per source, the latest data loaded at publication (UTC).",
            "checks": "JSON: the quality gate's summary for this run.",
            "storage_version": "DuckDB storage version of the file (readable from DuckDB 1.4).",
        },
    ),
    "_published_tables": (
        "One row per published table (table_name): fresh from this run or held back by the"
        " quality gate (then the previous version is served), with the reason.",
        {
            "table_name": "Published table, 'schema.table' (key).",
            "status": (
                "fresh | held_back (previous version served) | unavailable (never published)."
            ),
            "data_run_id": "Run whose data the table holds.",
            "data_published_at": "When that data was published, UTC.",
            "row_count": "Rows in the table (count).",
            "held_back_reason": "The failed checks that held the table back; NULL when fresh.",
            "run_id": "This publication's run.",
            "published_at": "This publication's time, UTC.",
        },
    ),
    CATALOG: (
        "One row per published table × column (table_name, column_name): its type, its"
        " description and unit, for BI tools that do not read DuckDB comments.",
        {
            "table_name": "Table, 'schema.table' (key with column_name).",
            "column_name": "Column name (key with table_name).",
            "data_type": "DuckDB type of the column in this file.",
            "description": "What the column holds (the dbt description).",
            "unit": (
                "Measurement unit (USD, fraction 0-1, days, hours, count, UTC timestamp, ...);"
                " NULL for labels and keys."
            ),
        },
    ),
}

_UNIT_RULES = (
    (re.compile(r"(^|_)usd($|_)"), "USD"),
    (re.compile(r"_(rate|share)$"), "fraction 0-1"),
    (re.compile(r"(^|_)(ratio|roas|romi)$"), "ratio"),
    (re.compile(r"(^|_)days($|_)"), "days"),
    (re.compile(r"(^|_)hours($|_)"), "hours"),
)


def unit_of(column: str, data_type: str, description: str | None) -> str | None:
    """The unit named by the description ('Unit: X.') or inferred from the name and type."""
    if description:
        declared = re.search(r"\bUnit:\s*([^.;]+)", description)
        if declared:
            return declared.group(1).strip()
    name, kind = column.lower(), data_type.upper()
    for pattern, unit in _UNIT_RULES:
        if pattern.search(name):
            return unit
    if kind.startswith("TIMESTAMP"):
        return "UTC timestamp"
    if kind == "DATE":
        return "UTC date"
    if kind in ("BIGINT", "INTEGER", "HUGEINT") and not name.endswith(("_order", "_id", "_key")):
        return "count"
    return None


def _lit(text: str | None) -> str:
    return "NULL" if text is None else "'" + text.replace("'", "''") + "'"


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def copy_comments(connection, source: str, target: str, table: str) -> None:
    """The table's and its columns' comments from catalog `source` onto catalog `target`."""
    schema, _, name = table.partition(".")
    # A model materialized as a view is a view in the warehouse, a table in the serving file.
    row = connection.execute(
        "select comment from duckdb_tables()"
        " where database_name = ? and schema_name = ? and table_name = ?"
        " union all select comment from duckdb_views()"
        " where database_name = ? and schema_name = ? and view_name = ?",
        [source, schema, name] * 2,
    ).fetchone()
    relation = f"{target}.{_q(schema)}.{_q(name)}"
    if row and row[0]:
        connection.execute(f"COMMENT ON TABLE {relation} IS {_lit(row[0])}")
    kept = {
        c
        for (c,) in connection.execute(
            "select column_name from duckdb_columns()"
            " where database_name = ? and schema_name = ? and table_name = ?",
            [target, schema, name],
        ).fetchall()
    }
    for column, comment in connection.execute(
        "select column_name, comment from duckdb_columns()"
        " where database_name = ? and schema_name = ? and table_name = ? and comment is not null",
        [source, schema, name],
    ).fetchall():
        if column in kept:
            connection.execute(f"COMMENT ON COLUMN {relation}.{_q(column)} IS {_lit(comment)}")


def comment_bookkeeping(connection, target: str, tables: Iterable[str]) -> None:
    """Comments of the `main._*` tables publish writes itself."""
    for table in tables:
        description, columns = BOOKKEEPING[table]
        relation = f"{target}.main.{_q(table)}"
        connection.execute(f"COMMENT ON TABLE {relation} IS {_lit(description)}")
        for column, text in columns.items():
            connection.execute(f"COMMENT ON COLUMN {relation}.{_q(column)} IS {_lit(text)}")


def write_catalog(connection, target: str, tables: Iterable[str]) -> None:
    """`main._catalog`: one row per column of `tables` ('schema.table') in the target file."""
    rows = []
    for table in tables:
        schema, _, name = table.partition(".")
        for column, data_type, comment in connection.execute(
            "select column_name, data_type, comment from duckdb_columns()"
            " where database_name = ? and schema_name = ? and table_name = ?"
            " order by column_index",
            [target, schema, name],
        ).fetchall():
            rows.append((table, column, data_type, comment, unit_of(column, data_type, comment)))
    connection.execute(
        f"CREATE TABLE {target}.main.{CATALOG} (table_name varchar, column_name varchar,"
        " data_type varchar, description varchar, unit varchar)"
    )
    if rows:
        connection.executemany(f"INSERT INTO {target}.main.{CATALOG} VALUES (?, ?, ?, ?, ?)", rows)
