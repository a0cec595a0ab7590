"""Run one suite against its table inside DuckDB and return a plain, serialisable report."""

from __future__ import annotations

import uuid

import duckdb
import great_expectations as gx

from expectations import history, suites
from expectations.checks import BLOCKING, ROW_COUNT_DRIFT, VALUE_RANGES, drift_bounds
from expectations.gx_duckdb import Warehouse, ephemeral_context, open_warehouse, table_batch
from expectations.results import ExpectationResult, ValidationReport, jsonable
from expectations.suites._value_ranges import query_for

SAMPLE_ROWS = 20

# Column-map expectations: counts and ≤ 20 failing rows, never the full unexpected list.
_SUMMARY = {
    "result_format": "SUMMARY",
    "partial_unexpected_count": SAMPLE_ROWS,
    "include_unexpected_rows": True,
}
# UnexpectedRowsExpectation returns its rows only in COMPLETE; GX caps the fetch at 200 rows.
_COMPLETE = {"result_format": "COMPLETE"}
_POSITION = "closedloop_position"


def validate(
    warehouse: Warehouse,
    suite_name: str | suites.Suite,
    previous_row_count: int | None = None,
) -> ValidationReport:
    """Validate a suite (by name, or a `Suite`) against its table.

    `warehouse` is the warehouse path (opened read-only, then closed) or a DuckDB
    connection to share (the pipeline's read-write one). `previous_row_count` overrides
    the history's last published count for the row-count drift check.
    """
    suite = suites.load(suite_name) if isinstance(suite_name, str) else suite_name
    with open_warehouse(warehouse) as connection:
        row_count = _row_count(connection, suite.table)
        if previous_row_count is None:
            previous_row_count = history.last_published_row_count(connection, suite.table)
        results = _run(connection, suite, previous_row_count, row_count)
    return ValidationReport(
        suite=suite.name,
        table=suite.table,
        success=all(r.success for r in results),
        results=results,
        row_count=row_count,
    )


def _run(connection, suite: suites.Suite, previous: int | None, row_count: int | None):
    expectations = [_resolved(connection, suite.table, e) for e in suite.expectations.expectations]
    context = ephemeral_context()
    batch, engine = table_batch(context, connection, suite.table)
    params, drift = _drift_parameters(suite.name, expectations, previous)
    outcomes: dict[int, ExpectationResult] = {}
    try:
        for result_format, positions in _by_result_format(expectations).items():
            # GX returns results in its own order: a position in meta matches them back.
            part = gx.ExpectationSuite(
                name=f"{suite.name}_{uuid.uuid4().hex[:8]}",
                expectations=[_tagged(expectations[p], p) for p in positions],
            )
            validation = batch.validate(
                part, result_format=dict(result_format), expectation_parameters=params
            )
            for result in validation.results:
                position = result.expectation_config.meta[_POSITION]
                outcomes[position] = _outcome(
                    expectations[position], result, position == drift, previous
                )
    finally:
        # Closes GX's persisted connection (a cursor of ours) so the file can be released.
        engine.dispose()
    return [outcomes[position] for position in range(len(expectations))]


def _resolved(connection, table: str, expectation):
    """The value-range marker with its query written from the table's columns, as of now."""
    meta = expectation.meta or {}
    if meta.get("check") != VALUE_RANGES:
        return expectation
    query, checked = query_for(connection, table, meta)
    return expectation.copy(
        update={"unexpected_rows_query": query, "meta": {**meta, "checked": checked}}
    )


def _tagged(expectation, position: int):
    return expectation.copy(update={"meta": {**(expectation.meta or {}), _POSITION: position}})


def _by_result_format(expectations: list) -> dict[tuple, list[int]]:
    groups: dict[tuple, list[int]] = {}
    for position, expectation in enumerate(expectations):
        unexpected_rows = expectation.expectation_type == "unexpected_rows_expectation"
        fmt = _COMPLETE if unexpected_rows else _SUMMARY
        groups.setdefault(tuple(fmt.items()), []).append(position)
    return groups


def _drift_parameters(name: str, expectations: list, previous: int | None):
    """Suite parameters of the (at most one) row-count drift check, and its position."""
    drift = [
        i for i, e in enumerate(expectations) if (e.meta or {}).get("check") == ROW_COUNT_DRIFT
    ]
    if len(drift) > 1:
        raise ValueError(f"suite {name} has more than one row_count_drift check")
    if not drift:
        return {}, None
    meta = expectations[drift[0]].meta
    return drift_bounds(previous, meta["max_drop"], meta.get("max_growth")), drift[0]


def _outcome(expectation, result, is_drift: bool, previous: int | None) -> ExpectationResult:
    meta = expectation.meta or {}
    payload = result.result or {}
    error = _error(result)
    kwargs = {k: v for k, v in result.expectation_config.kwargs.items() if k != "batch_id"}
    if meta.get("check") == VALUE_RANGES:  # what was checked, not pages of generated SQL
        kwargs = {"keys": meta.get("keys"), **meta.get("checked", {})}
    observed = payload.get("observed_value")
    unexpected = payload.get("unexpected_count")
    sample = payload.get("unexpected_rows") or payload.get("details", {}).get("unexpected_rows")
    if not sample and payload.get("partial_unexpected_list"):
        sample = [{"value": v} for v in payload["partial_unexpected_list"]]
    if expectation.expectation_type == "unexpected_rows_expectation":
        unexpected = observed
    if is_drift:
        kwargs["previous_row_count"] = previous
        unexpected = 0 if result.success else 1
        if not result.success and error is None:
            sample = [{"row_count": observed, "previous_row_count": previous, **_bounds(kwargs)}]
    return ExpectationResult(
        expectation_type=expectation.expectation_type,
        description=meta.get("description") or expectation.description,
        severity=meta.get("severity", BLOCKING),
        success=bool(result.success) and error is None,
        kwargs=jsonable(kwargs),
        observed_value=jsonable(observed),
        unexpected_count=unexpected,
        sample=jsonable(list(sample or [])[:SAMPLE_ROWS]),
        error=error,
    )


def _bounds(kwargs: dict) -> dict:
    return {"allowed_min": kwargs.get("min_value"), "allowed_max": kwargs.get("max_value")}


def _error(result) -> str | None:
    """The exception GX caught while computing the expectation, if any (the check did not run)."""
    info = result.exception_info or {}
    if info.get("raised_exception"):
        return info.get("exception_message") or "exception"
    for value in info.values():
        if isinstance(value, dict) and value.get("raised_exception"):
            return value.get("exception_message") or "exception"
    return None


def _row_count(connection: duckdb.DuckDBPyConnection, table: str) -> int | None:
    try:
        return connection.execute(f"select count(*) from {table}").fetchone()[0]
    except duckdb.CatalogException:
        return None
