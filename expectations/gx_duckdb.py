"""Great Expectations 1.x running inside DuckDB: SQL pushdown on the warehouse file.

Two things make GX's SQL datasource usable on DuckDB (through duckdb_engine):

1. The persisted-connection fix. GX closes (returns to the pool) its connection
   before it reads a query's rows; DuckDB keeps the pending result on the connection,
   the pool's reset drops it, and every expectation fails with `list index out of
   range` (https://github.com/great-expectations/great_expectations/issues/10738).
   GX already keeps one connection open for dialects listed in
   `_PERSISTED_CONNECTION_DIALECTS` (sqlite, mssql, ...): we add duckdb to that list.
2. Our own DBAPI connection (SQLAlchemy `creator`). It lets the checks share the
   pipeline's DuckDB connection (another open of the file in the same process with a
   different configuration, e.g. read-only, is refused by DuckDB), and it sets the
   `search_path` to the table's schema: SQLAlchemy 2.1's column reflection queries
   `pg_catalog.pg_collation`, which DuckDB lacks, and GX's fallback then reads the
   columns with an unqualified `SELECT * FROM <table> LIMIT 1`.

How the file is opened (`open_warehouse`):
- a path: read-only, so a check can never write the warehouse; it works while no other
  process holds the file read-write (the pipeline's pool serialises warehouse steps);
- a `duckdb.DuckDBPyConnection`: the caller's (e.g. the pipeline's read-write)
  connection; GX works on a `cursor()` of it, a second connection to the same database
  instance, so the caller's connection and transaction are left alone.
"""

from __future__ import annotations

import contextlib
import os
import warnings
from collections.abc import Iterator
from pathlib import Path

# No usage statistics leave the machine (read when GX is imported).
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

import duckdb  # noqa: E402
import great_expectations as gx  # noqa: E402
from duckdb_engine import ConnectionWrapper  # noqa: E402
from great_expectations.data_context.types.base import (  # noqa: E402
    DataContextConfig,
    InMemoryStoreBackendDefaults,
    ProgressBarsConfig,
)
from great_expectations.execution_engine import sqlalchemy_execution_engine as _sa_engine  # noqa: E402

Warehouse = str | Path | duckdb.DuckDBPyConnection

DUCKDB_DIALECT = "duckdb"


class _DialectName(str):
    """A dialect name as GX's list expects it: compared as a string, with a `.value`.

    `_dialect_requires_persisted_connection` reads `dialect.value` and
    `SqlAlchemyExecutionEngine.get_connection` compares with `==`; GX's own enum has no
    duckdb member to add.
    """

    @property
    def value(self) -> str:
        return str(self)


def install_persisted_connection_fix() -> None:
    """Register duckdb among GX's persisted-connection dialects (idempotent)."""
    dialects = _sa_engine._PERSISTED_CONNECTION_DIALECTS
    if not persisted_connection_fix_installed():
        _sa_engine._PERSISTED_CONNECTION_DIALECTS = (*dialects, _DialectName(DUCKDB_DIALECT))


def persisted_connection_fix_installed() -> bool:
    return any(d == DUCKDB_DIALECT for d in _sa_engine._PERSISTED_CONNECTION_DIALECTS)


def ephemeral_context() -> gx.data_context.AbstractDataContext:
    """An in-memory GX context: suites live as code, nothing is written, nothing is sent."""
    install_persisted_connection_fix()
    config = DataContextConfig(
        store_backend_defaults=InMemoryStoreBackendDefaults(),
        analytics_enabled=False,
        progress_bars=ProgressBarsConfig(globally=False),
    )
    return gx.get_context(mode="ephemeral", project_config=config)


@contextlib.contextmanager
def open_warehouse(warehouse: Warehouse) -> Iterator[duckdb.DuckDBPyConnection]:
    """The caller's connection as is, or the warehouse file opened read-only (then closed)."""
    if isinstance(warehouse, duckdb.DuckDBPyConnection):
        yield warehouse
        return
    connection = duckdb.connect(str(warehouse), read_only=True)
    try:
        yield connection
    finally:
        connection.close()


def split_table(table: str) -> tuple[str, str]:
    """'core.dim_date' -> ('core', 'dim_date'); the schema is required."""
    schema, _, name = table.partition(".")
    if not name:
        raise ValueError(f"table must be schema.table, got {table!r}")
    return schema, name


def table_batch(context, connection: duckdb.DuckDBPyConnection, table: str):
    """A GX batch of the whole table `schema.table`, computed inside DuckDB.

    Returns (batch, engine); dispose the engine when done so GX's persisted connection
    (a cursor of `connection`) is closed.
    """
    schema, name = split_table(table)

    def creator() -> ConnectionWrapper:
        cursor = connection.cursor()
        # Quoted literal: schema names come from our own suites, never from users.
        cursor.execute(f"SET search_path = '{schema}'")
        return ConnectionWrapper(cursor)

    datasource = context.data_sources.add_or_update_sql(
        name=f"warehouse_{schema}",
        # The URL only selects the dialect: every DBAPI connection comes from `creator`.
        connection_string="duckdb:///:memory:",
        kwargs={"creator": creator},
    )
    with warnings.catch_warnings():
        # GX 1.x deprecates schema_name in favour of a per-connection schema; we set both
        # (search_path above) so the generated SQL stays schema-qualified.
        warnings.filterwarnings("ignore", message="`schema_name` is deprecated")
        asset = datasource.add_table_asset(name=table, table_name=name, schema_name=schema)
    batch = asset.add_batch_definition_whole_table("whole_table").get_batch()
    return batch, datasource.get_execution_engine().engine
