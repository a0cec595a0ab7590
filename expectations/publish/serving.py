"""Write-audit-publish of the BI serving file (settings.serving_path).

BI tools cannot read the warehouse (DuckDB: one read-write process locks out every
reader), so they read a separate file that is replaced as a whole:

1. refuse before touching anything if a blocking check failed;
2. build a NEW file next to the target (hidden temp name, same folder, so the final
   rename stays on one filesystem and is atomic), in the storage format DuckDB 1.4 reads;
3. copy the tables from the warehouse (attached read-only, or through the pipeline's
   own connection), with PII columns dropped or hashed, plus `_published_runs`;
4. detach (DuckDB checkpoints: no WAL is left), fsync the file, `os.replace` it over the
   target and fsync the folder.

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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from expectations.publish.pii import PiiPolicy, select_list
from expectations.publish.storage import SERVING_STORAGE_VERSION, storage_number

log = logging.getLogger(__name__)

PUBLISHED_RUNS = "_published_runs"
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
    row_counts: dict[str, int]
    storage_number: int


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
) -> PublishResult:
    """Publish `tables` ("schema.table") of the warehouse to `serving_path`, atomically.

    `warehouse` is the warehouse path (attached read-only) or the pipeline's connection.
    `blocking_failures` names the failed blocking checks: if any, PublishRefused.
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
    published_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")
    try:
        with _source(warehouse) as (connection, source):
            connection.execute(
                f"ATTACH '{_sql_str(tmp)}' AS {_TARGET}"
                f" (STORAGE_VERSION '{SERVING_STORAGE_VERSION}')"
            )
            try:
                counts = {t: _copy(connection, source, t, policy) for t in tables}
                _write_runs(
                    connection, target, run_id, published_at, counts, freshness, check_summary
                )
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
    return PublishResult(target, run_id, published_at, counts, storage_number(target))


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
    columns = [
        row[0]
        for row in connection.execute(
            "select column_name from information_schema.columns"
            " where table_catalog = ? and table_schema = ? and table_name = ?"
            " order by ordinal_position",
            [source, schema, name],
        ).fetchall()
    ]
    if not name or not columns:
        raise ValueError(f"table {table!r} not found in the warehouse")
    expressions, params = select_list(columns, policy)
    connection.execute(f'CREATE SCHEMA IF NOT EXISTS {_TARGET}."{schema}"')
    connection.execute(
        f'CREATE TABLE {_TARGET}."{schema}"."{name}" AS'
        f' SELECT {expressions} FROM {source}."{schema}"."{name}"',
        params,
    )
    return connection.execute(f'select count(*) from {_TARGET}."{schema}"."{name}"').fetchone()[0]


def _write_runs(connection, target: Path, run_id, published_at, counts, freshness, checks):
    connection.execute(
        f"CREATE TABLE {_TARGET}.main.{PUBLISHED_RUNS} (run_id varchar, published_at timestamp,"
        " tables varchar, freshness varchar, checks varchar, storage_version varchar)"
    )
    _carry_previous_runs(connection, target)
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


def _carry_previous_runs(connection, target: Path) -> None:
    """Keep the publication history: copy the old file's `_published_runs` rows."""
    if not target.exists():
        return
    try:
        connection.execute(f"ATTACH '{_sql_str(target)}' AS {_PREVIOUS} (READ_ONLY)")
    except duckdb.Error as error:  # an unreadable old file must not block a good publish
        log.warning("previous serving file not readable, history restarts: %s", error)
        return
    try:
        connection.execute(
            f"INSERT INTO {_TARGET}.main.{PUBLISHED_RUNS} BY NAME"
            f" SELECT * FROM {_PREVIOUS}.main.{PUBLISHED_RUNS}"
        )
    except duckdb.CatalogException:
        pass  # the old file predates the history table
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
