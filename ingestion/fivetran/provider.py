"""The Fivetran way in: a provider whose one chunk per raw table is a SQL SELECT over the
tables a Fivetran connector landed in a DuckDB file.

Settings (environment): `CLOSEDLOOP_<SOURCE>_MODE=fivetran` chooses it per source,
`CLOSEDLOOP_FIVETRAN_DATABASE` is the DuckDB file with Fivetran's schemas, and
`CLOSEDLOOP_<SOURCE>_SCHEMA` overrides the connector's schema name (defaults below).
The file is attached READ_ONLY; each run re-reads the tables (the raw merge is idempotent).
A table the connector did not sync gives zero records, not an error.
"""

from __future__ import annotations

import importlib
import logging
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ingestion.files.records import records_table
from ingestion.fivetran.schema import ALIAS, Schema
from ingestion.providers import Chunk
from ingestion.sqltext import lit

log = logging.getLogger(__name__)

DATABASE_ENV = "CLOSEDLOOP_FIVETRAN_DATABASE"
# Our source -> the schema Fivetran's connector writes by default.
DEFAULT_SCHEMAS = {
    "hubspot": "hubspot",
    "salesforce": "salesforce",
    "google_ads": "google_ads",
    "meta_ads": "facebook_ads",
    "linkedin_ads": "linkedin_ads",
}

# A mapping's SQL for one raw table over the schema; None when its main table is missing.
Builder = Callable[[Schema], str | None]
EnumResolver = Callable[[duckdb.DuckDBPyConnection, Schema], tuple[str, ...] | None]


@dataclass(frozen=True)
class FivetranSettings:
    database: Path
    schemas: dict[str, str]

    @classmethod
    def from_env(cls) -> FivetranSettings:
        value = os.environ.get(DATABASE_ENV, "").strip()
        if not value:
            raise ValueError(
                f"a source is in fivetran mode but {DATABASE_ENV} is not set "
                "(the DuckDB file with Fivetran's schemas)"
            )
        database = Path(value).expanduser().resolve()
        if not database.is_file():
            raise ValueError(f"{DATABASE_ENV}={value}: no such DuckDB file")
        schemas = {
            source: os.environ.get(f"CLOSEDLOOP_{source.upper()}_SCHEMA", "").strip() or default
            for source, default in DEFAULT_SCHEMAS.items()
        }
        return cls(database, schemas)


def mapping(source: str):
    """The module mapping a source's Fivetran tables (ingestion/fivetran/<source>.py)."""
    if source not in DEFAULT_SCHEMAS:
        raise ValueError(f"{source} has no Fivetran mode")
    return importlib.import_module(f"ingestion.fivetran.{source}")


class Attached:
    """The Fivetran database attached read-only to a connection, for one `with` block."""

    def __init__(self, con: duckdb.DuckDBPyConnection, database: Path):
        self.con, self.database = con, database

    def __enter__(self) -> duckdb.DuckDBPyConnection:
        self.con.execute(f"DETACH DATABASE IF EXISTS {ALIAS}")
        self.con.execute(f"ATTACH {lit(str(self.database))} AS {ALIAS} (READ_ONLY)")
        return self.con

    def __exit__(self, *exc) -> None:
        self.con.execute(f"DETACH DATABASE IF EXISTS {ALIAS}")


class FivetranProvider:
    kind = "fivetran"
    state_key = "fivetran"  # nothing to remember: every run re-reads the tables

    def __init__(
        self,
        contract,
        settings: FivetranSettings,
        build: Builder,
        enum_resolvers: dict[str, EnumResolver] | None = None,
    ):
        self.contract, self.settings, self.build = contract, settings, build
        self.schema = settings.schemas[contract.source]
        self.enum_resolvers = enum_resolvers or {}

    @classmethod
    def for_table(cls, contract, settings: FivetranSettings | None = None) -> FivetranProvider:
        module = mapping(contract.source)
        build = module.builder(contract)
        if build is None:
            raise NotImplementedError(f"no Fivetran mapping for {contract.name}")
        return cls(contract, settings or FivetranSettings.from_env(), build, module.ENUMS)

    def enums(self, contract) -> dict[str, tuple[str, ...]]:
        wanted = {f.enum_ref for f in contract.fields if f.enum_ref in self.enum_resolvers}
        if not wanted:
            return {}
        out = {}
        with duckdb.connect() as con, Attached(con, self.settings.database):
            schema = Schema(con, self.schema)
            for ref in sorted(wanted):
                values = self.enum_resolvers[ref](con, schema)
                if values:
                    out[ref] = values
                else:
                    log.warning("%s check skipped: not in Fivetran schema %s", ref, self.schema)
        return out

    def _fill(self, con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
        with Attached(con, self.settings.database):
            sql = self.build(Schema(con, self.schema))
            if sql is None:
                log.info(
                    "%s: its Fivetran table is not in schema %s (not synced): 0 records",
                    self.contract.name,
                    self.schema,
                )
                records_table(con, [], [], [])
            else:
                con.execute(f"CREATE OR REPLACE TEMP TABLE recs AS {sql}")
        return []

    def chunks(self, seen: dict) -> Iterator[Chunk]:
        # TODO(scale): one chunk per table; page by key ranges for tables of many GB.
        yield Chunk(fill=self._fill, commit={})
