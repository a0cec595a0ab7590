"""Per-table status of a publication: `_published_tables` and carrying held-back tables over.

docs/resilience.md §2. A table the gate held back is copied from the previous serving file
(already PII-safe) instead of the warehouse, keeping the run id of the data it holds; the
serving file records per table `fresh` / `held_back` / `unavailable` (held back and never
published before, so absent) and why.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass

import duckdb

PUBLISHED_RUNS = "_published_runs"
PUBLISHED_TABLES = "_published_tables"
FRESH, HELD_BACK, UNAVAILABLE = "fresh", "held_back", "unavailable"


@dataclass(frozen=True)
class TableRow:
    """One `_published_tables` row."""

    table: str
    status: str
    data_run_id: str | None
    data_published_at: dt.datetime | None
    row_count: int | None
    reason: str | None


def previous_tables(connection, previous) -> dict[str, tuple[str, dt.datetime]]:
    """table -> (run id, publication time) of the data each table of the old file holds."""
    if previous is None:
        return {}
    out: dict[str, tuple[str, dt.datetime]] = {}
    with contextlib.suppress(duckdb.CatalogException):  # files before the per-table status
        for run, at, tables in connection.execute(
            f"SELECT run_id, published_at, tables FROM {previous}.main.{PUBLISHED_RUNS}"
            " ORDER BY published_at"
        ).fetchall():
            for table in json.loads(tables or "{}"):
                out[table] = (run, at)
    with contextlib.suppress(duckdb.CatalogException):
        for table, run, at in connection.execute(
            f"SELECT table_name, data_run_id, data_published_at"
            f" FROM {previous}.main.{PUBLISHED_TABLES} WHERE data_run_id IS NOT NULL"
        ).fetchall():
            out[table] = (run, at)
    return out


def table_exists(connection, catalog: str, table: str) -> bool:
    schema, _, name = table.partition(".")
    return bool(
        connection.execute(
            "select count(*) from information_schema.tables"
            " where table_catalog = ? and table_schema = ? and table_name = ?",
            [catalog, schema, name],
        ).fetchone()[0]
    )


def copy_as_is(connection, target: str, previous: str, table: str) -> int:
    """Carry a held-back table over from the previous serving file (already PII-safe)."""
    schema, _, name = table.partition(".")
    connection.execute(f'CREATE SCHEMA IF NOT EXISTS {target}."{schema}"')
    connection.execute(
        f'CREATE TABLE {target}."{schema}"."{name}" AS SELECT * FROM {previous}."{schema}"."{name}"'
    )
    return connection.execute(f'select count(*) from {target}."{schema}"."{name}"').fetchone()[0]


def write_tables(
    connection, target: str, rows: Sequence[TableRow], run_id: str, published_at
) -> None:
    connection.execute(
        f"CREATE TABLE {target}.main.{PUBLISHED_TABLES} (table_name varchar, status varchar,"
        " data_run_id varchar, data_published_at timestamp, row_count bigint,"
        " held_back_reason varchar, run_id varchar, published_at timestamp)"
    )
    connection.executemany(
        f"INSERT INTO {target}.main.{PUBLISHED_TABLES} VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                r.table,
                r.status,
                run_id if r.status == FRESH else r.data_run_id,
                published_at if r.status == FRESH else r.data_published_at,
                r.row_count,
                r.reason,
                run_id,
                published_at,
            )
            for r in rows
        ],
    )
