"""Validation history in the warehouse schema `quality`, one row per run, suite and expectation.

Tables:
- quality.validation_runs: run_id, suite, table_name, success, publishable, counts,
  row_count, validated_at (UTC);
- quality.expectation_results: one row per expectation with observed value, unexpected
  count, severity and a JSON sample of failing rows (≤ 20);
- quality.published_tables: row counts of what each publication served, the baseline
  of the row-count drift check ("vs the last published run").
Writing needs a read-write connection: pass the pipeline's, or a path (opened, then closed).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

import duckdb

from expectations.results import ExpectationResult, ValidationReport

SCHEMA = "quality"

DDL = f"""
create schema if not exists {SCHEMA};
create table if not exists {SCHEMA}.validation_runs (
    run_id varchar not null,
    suite varchar not null,
    table_name varchar not null,
    success boolean not null,
    publishable boolean not null,
    expectations integer not null,
    failed integer not null,
    blocking_failed integer not null,
    row_count bigint,
    validated_at timestamp not null
);
create table if not exists {SCHEMA}.expectation_results (
    run_id varchar not null,
    suite varchar not null,
    table_name varchar not null,
    position integer not null,
    expectation_type varchar not null,
    description varchar,
    severity varchar not null,
    success boolean not null,
    kwargs varchar,
    observed varchar,
    unexpected_count bigint,
    sample varchar,
    error varchar,
    validated_at timestamp not null
);
create table if not exists {SCHEMA}.published_tables (
    run_id varchar not null,
    table_name varchar not null,
    row_count bigint not null,
    published_at timestamp not null
);
"""


@contextlib.contextmanager
def _writable(warehouse: str | Path | duckdb.DuckDBPyConnection) -> Iterator:
    if isinstance(warehouse, duckdb.DuckDBPyConnection):
        yield warehouse
        return
    connection = duckdb.connect(str(warehouse))
    try:
        yield connection
    finally:
        connection.close()


def ensure_schema(connection: duckdb.DuckDBPyConnection) -> None:
    connection.execute(DDL)


def record(
    warehouse: str | Path | duckdb.DuckDBPyConnection,
    run_id: str,
    reports: Iterable[ValidationReport],
) -> None:
    """Append the reports of one run (in one transaction: all rows or none)."""
    runs, results = [], []
    for report in reports:
        s = report.summary()
        runs.append(
            (
                run_id,
                s["suite"],
                s["table"],
                s["success"],
                s["publishable"],
                s["expectations"],
                s["failed"],
                s["blocking_failed"],
                s["row_count"],
                report.validated_at,
            )
        )
        for position, r in enumerate(report.results):
            results.append(
                (
                    run_id,
                    report.suite,
                    report.table,
                    position,
                    r.expectation_type,
                    r.description,
                    r.severity,
                    r.success,
                    _json(r.kwargs),
                    _json(r.observed_value),
                    r.unexpected_count,
                    _json(r.sample),
                    r.error,
                    report.validated_at,
                )
            )
    with _writable(warehouse) as connection:
        ensure_schema(connection)
        connection.execute("begin transaction")
        try:
            if runs:
                connection.executemany(
                    f"insert into {SCHEMA}.validation_runs values (?,?,?,?,?,?,?,?,?,?)", runs
                )
            if results:
                connection.executemany(
                    f"insert into {SCHEMA}.expectation_results"
                    " values (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    results,
                )
            connection.execute("commit")
        except BaseException:
            connection.execute("rollback")
            raise


def record_publication(
    warehouse: str | Path | duckdb.DuckDBPyConnection,
    run_id: str,
    row_counts: Mapping[str, int],
    published_at: dt.datetime | None = None,
) -> None:
    """Remember what a publication served: the next run's drift baseline."""
    at = published_at or dt.datetime.now(dt.UTC).replace(tzinfo=None)
    with _writable(warehouse) as connection:
        ensure_schema(connection)
        connection.executemany(
            f"insert into {SCHEMA}.published_tables values (?,?,?,?)",
            [(run_id, table, int(count), at) for table, count in row_counts.items()],
        )


def last_published_row_count(connection: duckdb.DuckDBPyConnection, table: str) -> int | None:
    """Row count of `table` in the latest publication, None before the first one."""
    if not _has_table(connection, "published_tables"):
        return None
    row = connection.execute(
        f"select row_count from {SCHEMA}.published_tables where table_name = ?"
        " order by published_at desc limit 1",
        [table],
    ).fetchone()
    return None if row is None else int(row[0])


def _has_table(connection: duckdb.DuckDBPyConnection, name: str) -> bool:
    return bool(
        connection.execute(
            "select count(*) from information_schema.tables"
            " where table_catalog = current_database() and table_schema = ? and table_name = ?",
            [SCHEMA, name],
        ).fetchone()[0]
    )


def reports_from_history(
    connection: duckdb.DuckDBPyConnection, run_id: str
) -> list[ValidationReport]:
    """The latest report of each suite validated in `run_id`, rebuilt from quality.*."""
    runs = connection.execute(
        f"""
        select suite, table_name, success, row_count, validated_at
        from {SCHEMA}.validation_runs where run_id = ?
        qualify row_number() over (partition by suite order by validated_at desc) = 1
        order by suite
        """,
        [run_id],
    ).fetchall()
    reports = []
    for suite, table, success, row_count, validated_at in runs:
        rows = connection.execute(
            f"""
            select expectation_type, description, severity, success, kwargs, observed,
                   unexpected_count, sample, error
            from {SCHEMA}.expectation_results
            where run_id = ? and suite = ? and validated_at = ?
            order by position
            """,
            [run_id, suite, validated_at],
        ).fetchall()
        results = [
            ExpectationResult(
                expectation_type=r[0],
                description=r[1],
                severity=r[2],
                success=r[3],
                kwargs=json.loads(r[4]) if r[4] else {},
                observed_value=json.loads(r[5]) if r[5] else None,
                unexpected_count=r[6],
                sample=json.loads(r[7]) if r[7] else [],
                error=r[8],
            )
            for r in rows
        ]
        reports.append(
            ValidationReport(
                suite=suite,
                table=table,
                success=success,
                results=results,
                row_count=row_count,
                validated_at=validated_at,
            )
        )
    return reports


def _json(value) -> str:
    return json.dumps(value, sort_keys=True, default=str)
