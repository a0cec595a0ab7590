"""Building blocks for suites: severity, and SQL checks for invariants GX has no built-in for.

Every custom check is a GX `UnexpectedRowsExpectation`: a query over `{batch}` (the
target table) that returns the offending rows, so it runs inside DuckDB and the
report shows exactly which rows failed. Queries may also read other warehouse tables
by their schema-qualified names (foreign keys, reconciliations). GX expands `{batch}`
to an already aliased subquery: do not alias it again (wrap it in a CTE instead).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import great_expectations.expectations as gxe

Severity = Literal["blocking", "warning"]
BLOCKING: Severity = "blocking"
WARNING: Severity = "warning"

# Marks the drift expectation so the runner can resolve its bounds from history.
ROW_COUNT_DRIFT = "row_count_drift"
DRIFT_MIN_PARAM = "closedloop_row_count_min"
DRIFT_MAX_PARAM = "closedloop_row_count_max"


def meta(description: str, severity: Severity = BLOCKING, **extra) -> dict:
    """Metadata every closedloop expectation carries; blocking unless said otherwise."""
    if severity not in (BLOCKING, WARNING):
        raise ValueError(f"severity must be blocking or warning, got {severity!r}")
    return {"description": description, "severity": severity, **extra}


def sql_check(query: str, description: str, severity: Severity = BLOCKING):
    """Fails when `query` (which must use `{batch}`) returns rows; those rows are the sample."""
    return gxe.UnexpectedRowsExpectation(
        unexpected_rows_query=query.strip(),
        description=description,
        meta=meta(description, severity),
    )


def _cols(columns: Sequence[str]) -> str:
    return ", ".join(columns)


def sums_to_one(
    value: str,
    group_by: Sequence[str],
    tolerance: float = 1e-9,
    severity: Severity = BLOCKING,
):
    """sum(value) is 1 within `tolerance` in every group (e.g. credits per conversion, model)."""
    keys = _cols(group_by)
    return sql_check(
        f"""
        select {keys}, sum({value}) as total, count(*) as rows_in_group
        from {{batch}}
        group by {keys}
        having sum({value}) is null or abs(sum({value}) - 1) > {tolerance!r}
        """,
        f"sum of {value} is 1 (±{tolerance:g}) per {keys}",
        severity,
    )


def non_decreasing(
    columns: Sequence[str],
    key: Sequence[str],
    severity: Severity = BLOCKING,
):
    """Along `columns` (in order) no value is below an earlier non-null one.

    Stages may be skipped (NULL): each column is compared with the greatest of the
    columns before it, and DuckDB's `greatest` ignores NULLs.
    """
    if len(columns) < 2:
        raise ValueError("non_decreasing needs at least two columns")
    violations = " or ".join(
        f"{col} < greatest({_cols(columns[:i])})" for i, col in enumerate(columns) if i > 0
    )
    return sql_check(
        f"select {_cols([*key, *columns])} from {{batch}} where {violations}",
        f"{' <= '.join(columns)} (never decreasing)",
        severity,
    )


def totals_match(
    left: str,
    right: str,
    tolerance: float = 0.005,
    description: str | None = None,
    severity: Severity = BLOCKING,
):
    """Two scalar SQL expressions agree within `tolerance` (default: to the cent).

    `left` and `right` are scalar subqueries, e.g.
    `(select sum(amount) from {batch} where is_won)`; NULL on one side only fails.
    """
    return sql_check(
        f"""
        select left_total, right_total, left_total - right_total as difference
        from (select {left} as left_total, {right} as right_total)
        where abs(coalesce(left_total, 0) - coalesce(right_total, 0)) >= {tolerance!r}
           or (left_total is null) <> (right_total is null)
        """,
        description or f"{left} = {right} (±{tolerance:g})",
        severity,
    )


def foreign_key(
    column: str,
    parent_table: str,
    parent_column: str,
    severity: Severity = BLOCKING,
):
    """Every non-null `column` exists in `parent_table.parent_column`."""
    return sql_check(
        f"""
        with child as (select * from {{batch}})
        select child.*
        from child
        where child.{column} is not null
          and not exists (
              select 1 from {parent_table} as parent
              where parent.{parent_column} = child.{column}
          )
        """,
        f"{column} resolves to {parent_table}.{parent_column}",
        severity,
    )


def row_count_drift(
    max_drop: float = 0.5,
    max_growth: float | None = None,
    severity: Severity = BLOCKING,
):
    """Row count within [prev*(1-max_drop), prev*(1+max_growth)] of the last published run.

    The previous count is only known at run time: the bounds are GX suite parameters
    that the runner fills from the validation history (no bound without history).
    """
    growth = "unbounded" if max_growth is None else f"+{max_growth:.0%}"
    description = f"row count within -{max_drop:.0%}/{growth} of the last published run"
    return gxe.ExpectTableRowCountToBeBetween(
        min_value={"$PARAMETER": DRIFT_MIN_PARAM},
        max_value={"$PARAMETER": DRIFT_MAX_PARAM},
        description=description,
        meta=meta(
            description, severity, check=ROW_COUNT_DRIFT, max_drop=max_drop, max_growth=max_growth
        ),
    )


def drift_bounds(previous: int | None, max_drop: float, max_growth: float | None) -> dict:
    """The suite parameters for `row_count_drift` given the last published count."""
    if previous is None:
        return {DRIFT_MIN_PARAM: None, DRIFT_MAX_PARAM: None}
    upper = None if max_growth is None else int(previous * (1 + max_growth))
    return {DRIFT_MIN_PARAM: int(previous * (1 - max_drop)), DRIFT_MAX_PARAM: upper}


# --- value ranges (docs/resilience.md §3, docs/quality-gate.md "Value ranges") ----------------

# Marks the value-range expectation: the runner writes its query from the table's columns
# when the suite runs (expectations/suites/_value_ranges.py), so no suite lists columns.
VALUE_RANGES = "value_ranges"
MONEY_LIMIT = 10**12


def value_ranges(keys: Sequence[str] = (), future_exempt: bool = False, severity=BLOCKING):
    """Every timestamp/date column within the time window, every money column finite and
    within ±1e12, every float column finite: one query over the table, written by the runner.

    `keys` are the columns the failing rows are shown with; `future_exempt` (calendar and
    spine tables) drops the future bound only.
    """
    description = (
        "value ranges: timestamps and dates within the time window"
        + (" (no future bound: a calendar)" if future_exempt else "")
        + ", money finite and within ±1e12, floats finite"
    )
    return gxe.UnexpectedRowsExpectation(
        unexpected_rows_query="select * from {batch} where false",
        description=description,
        meta=meta(
            description, severity, check=VALUE_RANGES, keys=list(keys), future_exempt=future_exempt
        ),
    )
