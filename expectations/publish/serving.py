"""Write-audit-publish of the BI serving file (settings.serving_path).

BI tools cannot read the warehouse (DuckDB: one read-write process locks out every
reader), so they read a separate file that is replaced as a whole:

1. refuse before touching anything if a blocking check failed;
2. build a NEW file next to the target (hidden temp name, same folder, so the final
   rename stays on one filesystem and is atomic), in the storage format DuckDB 1.4 reads;
3. copy the tables from the warehouse (attached read-only, or through the pipeline's
   own connection), with PII columns dropped or hashed, types BI drivers read
   (serving_types.py) and the dbt descriptions as COMMENTs, plus `_published_runs`,
   `_published_tables` and `_catalog` (comments.py; docs/bi-contract.md);
4. detach (DuckDB checkpoints: no WAL is left), fsync the file, `os.replace` it over the
   target and fsync the folder.

Tables the gate held back (docs/resilience.md §2) are not copied from the warehouse: the
previous serving file's copy is carried over unchanged (absent if it was never published),
and `_published_tables` says per table whether it is fresh or held back, which run its data
comes from and why it was held back.

On any failure the temp file is removed and the old serving file is untouched. A
reader that has the old file open keeps reading the old inode (Linux rename
semantics) without error and sees the new version when it reopens.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import uuid
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from expectations.publish.comments import (
    CATALOG,
    comment_bookkeeping,
    copy_comments,
    write_catalog,
)
from expectations.publish.pii import PiiPolicy, select_list
from expectations.publish.storage import SERVING_STORAGE_VERSION, storage_number
from expectations.publish.table_status import (
    FRESH,
    HELD_BACK,
    PUBLISHED_RUNS,
    PUBLISHED_TABLES,
    UNAVAILABLE,
    TableRow,
    copy_as_is,
    previous_tables,
    table_exists,
    write_tables,
)
from expectations.publish.tables import declared_pii

log = logging.getLogger(__name__)

_TARGET = "closedloop_publish_target"
_PREVIOUS = "closedloop_publish_previous"
_SOURCE = "closedloop_publish_source"


class PublishRefused(RuntimeError):
    """Publication was not attempted: blocking checks failed."""


@dataclass(frozen=True)
class PublishResult:
    path: Path
    run_id: str
    published_at: dt.datetime
    row_counts: dict[str, int]  # every table in the file (fresh and carried over)
    storage_number: int
    status: dict[str, str] = field(default_factory=dict)  # table -> status


def publish(
    warehouse: str | Path | duckdb.DuckDBPyConnection,
    serving_path: str | Path,
    tables: Sequence[str],
    *,
    run_id: str,
    freshness: Mapping[str, Any] | None = None,
    check_summary: Any = None,
    blocking_failures: Sequence[str] = (),
    pii: PiiPolicy | None = None,
    held_back: Mapping[str, str] | None = None,
) -> PublishResult:
    """Publish `tables` ("schema.table") of the warehouse to `serving_path`, atomically.

    `warehouse` is the warehouse path (attached read-only) or the pipeline's connection.
    `blocking_failures` names failed checks that stop the whole publication: PublishRefused.
    `held_back` (table -> reason) names tables kept at their previous published version.
    """
    if blocking_failures:
        raise PublishRefused(
            f"run {run_id}: not published, blocking checks failed: {', '.join(blocking_failures)}"
        )
    target = Path(serving_path)
    target.parent.mkdir(parents=True, exist_ok=True)
    if Path(f"{target}.wal").exists():
        # Someone wrote into the serving file; its WAL would be replayed onto our new file.
        raise RuntimeError(f"{target}.wal exists: the serving file was opened read-write")
    policy = pii or PiiPolicy.from_env()
    held = dict(held_back or {})
    published_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")
    try:
        with _source(warehouse) as (connection, source):
            connection.execute(
                f"ATTACH '{_sql_str(tmp)}' AS {_TARGET}"
                f" (STORAGE_VERSION '{SERVING_STORAGE_VERSION}')"
            )
            try:
                with _previous(connection, target) as previous:
                    rows = _copy_tables(connection, source, previous, tables, held, policy)
                    _write_runs(
                        connection,
                        previous,
                        run_id,
                        published_at,
                        freshness,
                        check_summary,
                        {r.table: r.row_count for r in rows if r.status == FRESH},
                    )
                    write_tables(connection, _TARGET, rows, run_id, published_at)
                    comment_bookkeeping(connection, _TARGET, (PUBLISHED_RUNS, PUBLISHED_TABLES))
                    served = [r.table for r in rows if r.status != UNAVAILABLE]
                    served += [f"main.{PUBLISHED_RUNS}", f"main.{PUBLISHED_TABLES}"]
                    write_catalog(connection, _TARGET, served)
                    comment_bookkeeping(connection, _TARGET, (CATALOG,))
            finally:
                # Detaching checkpoints the file: everything is in it, no .wal beside it.
                connection.execute(f"DETACH {_TARGET}")
        _fsync(tmp)
        os.replace(tmp, target)
        _fsync(target.parent)
    except BaseException:
        for leftover in (tmp, Path(f"{tmp}.wal")):
            leftover.unlink(missing_ok=True)
        raise
    return PublishResult(
        target,
        run_id,
        published_at,
        {r.table: r.row_count for r in rows if r.row_count is not None},
        storage_number(target),
        {r.table: r.status for r in rows},
    )


@contextlib.contextmanager
def _source(warehouse) -> Iterator[tuple[duckdb.DuckDBPyConnection, str]]:
    """A connection and the catalog name the warehouse tables are read from."""
    if isinstance(warehouse, duckdb.DuckDBPyConnection):
        # A cursor: a separate connection to the same database, the caller's is untouched.
        cursor = warehouse.cursor()
        try:
            yield cursor, cursor.execute("select current_database()").fetchone()[0]
        finally:
            cursor.close()
        return
    connection = duckdb.connect()
    try:
        connection.execute(f"ATTACH '{_sql_str(warehouse)}' AS {_SOURCE} (READ_ONLY)")
        yield connection, _SOURCE
    finally:
        connection.close()


def _copy(connection, source: str, table: str, policy: PiiPolicy) -> int:
    schema, _, name = table.partition(".")
    types = dict(
        connection.execute(
            "select column_name, data_type from information_schema.columns"
            " where table_catalog = ? and table_schema = ? and table_name = ?"
            " order by ordinal_position",
            [source, schema, name],
        ).fetchall()
    )
    if not name or not types:
        raise ValueError(f"table {table!r} not found in the warehouse")
    pii = declared_pii().get(name, frozenset())
    expressions, params = select_list(list(types), policy, types, pii)
    connection.execute(f'CREATE SCHEMA IF NOT EXISTS {_TARGET}."{schema}"')
    connection.execute(
        f'CREATE TABLE {_TARGET}."{schema}"."{name}" AS'
        f' SELECT {expressions} FROM {source}."{schema}"."{name}"',
        params,
    )
    copy_comments(connection, source, _TARGET, table)
    return connection.execute(f'select count(*) from {_TARGET}."{schema}"."{name}"').fetchone()[0]


def _copy_tables(connection, source, previous, tables, held, policy) -> list[TableRow]:
    earlier = previous_tables(connection, previous)
    rows = []
    for table in tables:
        if table not in held:
            count = _copy(connection, source, table, policy)
            rows.append(TableRow(table, FRESH, None, None, count, None))
            continue
        before = earlier.get(table)
        if previous is None or before is None or not table_exists(connection, previous, table):
            rows.append(TableRow(table, UNAVAILABLE, None, None, None, held[table]))
            continue
        count = copy_as_is(connection, _TARGET, previous, table)
        copy_comments(connection, previous, _TARGET, table)
        rows.append(TableRow(table, HELD_BACK, before[0], before[1], count, held[table]))
    return rows


def _write_runs(connection, previous, run_id, published_at, freshness, checks, counts):
    """`_published_runs`: the old file's rows, plus this run's (`tables`: fresh tables only)."""
    connection.execute(
        f"CREATE TABLE {_TARGET}.main.{PUBLISHED_RUNS} (run_id varchar, published_at timestamp,"
        " tables varchar, freshness varchar, checks varchar, storage_version varchar)"
    )
    if previous is not None:
        with contextlib.suppress(duckdb.CatalogException):  # the old file predates it
            connection.execute(
                f"INSERT INTO {_TARGET}.main.{PUBLISHED_RUNS} BY NAME"
                f" SELECT * FROM {previous}.main.{PUBLISHED_RUNS}"
            )
    connection.execute(
        f"INSERT INTO {_TARGET}.main.{PUBLISHED_RUNS} VALUES (?, ?, ?, ?, ?, ?)",
        [
            run_id,
            published_at,
            _json(counts),
            _json(freshness or {}),
            _json(checks),
            SERVING_STORAGE_VERSION,
        ],
    )


@contextlib.contextmanager
def _previous(connection, target: Path) -> Iterator[str | None]:
    """The previous serving file attached read-only (its catalog name), or None."""
    if not target.exists():
        yield None
        return
    try:
        connection.execute(f"ATTACH '{_sql_str(target)}' AS {_PREVIOUS} (READ_ONLY)")
    except duckdb.Error as error:  # an unreadable old file must not block a good publish
        log.warning("previous serving file not readable, history restarts: %s", error)
        yield None
        return
    try:
        yield _PREVIOUS
    finally:
        connection.execute(f"DETACH {_PREVIOUS}")


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _sql_str(path) -> str:
    return str(path).replace("'", "''")


def _json(value) -> str:
    return json.dumps(value, sort_keys=True, default=str)
