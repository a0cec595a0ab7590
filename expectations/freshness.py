"""Freshness of the raw sources: the newest `_loaded_at` of each raw table vs a limit.

CLOSEDLOOP_FRESHNESS_MAX_HOURS (default 48). A warning, not blocking: stale data is still
correct data; the newest load per source is also written into `_published_runs`.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from dataclasses import dataclass

import duckdb

from expectations.audit import table_exists
from ingestion.contracts import CONTRACTS

FRESHNESS_ENV = "CLOSEDLOOP_FRESHNESS_MAX_HOURS"
DEFAULT_FRESHNESS_HOURS = 48.0


def freshness_max_hours() -> float:
    raw = os.environ.get(FRESHNESS_ENV)
    return float(raw) if raw else DEFAULT_FRESHNESS_HOURS


def raw_tables() -> list[str]:
    return [f"raw.{c.name}" for c in CONTRACTS]


def raw_freshness(connection: duckdb.DuckDBPyConnection, tables: Iterable[str]) -> dict:
    """'raw.<table>' -> newest _loaded_at (ISO, UTC) or None when the table is absent."""
    out: dict = {}
    for table in tables:
        if not table_exists(connection, table):
            out[table] = None
            continue
        value = connection.execute(
            f"select max(_loaded_at) at time zone 'UTC' from {table}"
        ).fetchone()[0]
        out[table] = None if value is None else value.isoformat()
    return out


@dataclass(frozen=True)
class Freshness:
    table: str
    loaded: str | None  # newest _loaded_at (ISO, UTC), None when nothing was loaded
    hours: float | None  # its age in hours, rounded to 0.01
    limit: float

    @property
    def passed(self) -> bool:
        return self.hours is not None and self.hours <= self.limit

    @property
    def description(self) -> str | None:
        if self.passed:
            return None
        if self.loaded is None:
            return f"{self.table}: no rows loaded yet"
        return f"{self.table}: newest load {self.hours} h ago (limit {self.limit:g} h)"


def assess(newest: dict, limit: float, now: dt.datetime | None = None) -> list[Freshness]:
    """One verdict per table of `newest` ('raw.<table>' -> newest load, see raw_freshness)."""
    now = now or dt.datetime.now(dt.UTC).replace(tzinfo=None)
    out = []
    for table, loaded in newest.items():
        age = None if loaded is None else (now - dt.datetime.fromisoformat(loaded))
        hours = None if age is None else round(age.total_seconds() / 3600, 2)
        out.append(Freshness(table, loaded, hours, limit))
    return out
