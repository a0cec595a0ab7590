"""Value ranges of published tables, written from the table's columns when a suite runs.

docs/resilience.md §3, docs/quality-gate.md "Value ranges". The expectation
`expectations.checks.value_ranges` is a marker; the runner asks `query_for` for its SQL with
the table's columns read from DuckDB at that moment, so a new column is checked without
anyone listing it:

- every TIMESTAMP / TIMESTAMPTZ / DATE column: finite and within
  [CLOSEDLOOP_TIMESTAMP_MIN, now + CLOSEDLOOP_TIMESTAMP_MAX_FUTURE_DAYS] (closedloop/settings.py).
  Calendar and spine tables (`CALENDAR_TABLES`) and DATE columns that hold a plan or a period
  (`FORWARD_LOOKING`: an expected close date, the bounds of the current or next quarter) have
  no future bound — they keep the lower bound and finiteness;
- every money column (numeric, and one word of its name in `MONEY_WORDS`): finite and within
  ±1e12;
- every rate or share (`*_rate`, `*_share`): within [0, 1] (docs/bi-contract.md §2);
- every other floating-point column: finite (a division by zero in a model gives ±inf/NaN).

One query per table: the rows with any value out of range, shown by the table's key columns
and `value_problems` ('<column>=<value> <why>; ...').
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

import duckdb

from closedloop.settings import TIMESTAMP_MIN_ENV, Settings
from expectations.checks import MONEY_LIMIT

CALENDAR_TABLES = frozenset(
    {
        "core.dim_date",
        "core.dim_snapshot_date",
        "core.fct_fx_rates",  # one rate per currency and calendar day
        "metrics.metricflow_time_spine",
    }
)
MONEY_WORDS = frozenset(
    {"amount", "spend", "revenue", "cost", "value", "budget", "quota", "usd", "arr", "acv"}
    | {"mrr", "price", "cac", "ltv", "bookings", "pipeline"}
)
FORWARD_LOOKING = re.compile(
    r"^expected_|close_date|(^|_)(period|quarter|month|week|year)_(start|end)$"
)
_TIME_TYPES = ("DATE", "TIMESTAMP", "TIMESTAMP WITH TIME ZONE", "TIMESTAMPTZ")
_TIME_TYPES += ("TIMESTAMP_S", "TIMESTAMP_MS", "TIMESTAMP_NS")
_FLOAT_TYPES = ("DOUBLE", "FLOAT", "REAL")
_NUMBER_TYPES = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT")
_NUMBER_TYPES += ("USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT", *_FLOAT_TYPES)
NOTHING = "select * from {batch} where false"
FRACTION_SLACK = 1e-9


@dataclass(frozen=True)
class TimeWindow:
    """[earliest, latest]: `latest` is UTC now plus the future days."""

    earliest: dt.date
    latest: dt.datetime
    future_days: int = 1

    @classmethod
    def now(cls, settings: Settings | None = None) -> TimeWindow:
        settings = settings or Settings.from_env()
        days = settings.timestamp_max_future_days
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
        return cls(settings.timestamp_min, now + dt.timedelta(days=days), days)


def is_money(name: str, data_type: str) -> bool:
    kind = data_type.upper()
    numeric = kind.startswith("DECIMAL") or kind in _NUMBER_TYPES
    return numeric and bool(MONEY_WORDS & set(name.lower().split("_")))


def is_fraction(name: str, data_type: str) -> bool:
    """A rate or share (`*_rate`, `*_share`): a fraction in [0, 1] (docs/bi-contract.md §2)."""
    kind = data_type.upper()
    numeric = kind.startswith("DECIMAL") or kind in _NUMBER_TYPES
    return numeric and name.lower().endswith(("_rate", "_share"))


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _text(value: str) -> str:
    return value.replace("'", "''")


def _time_terms(name: str, data_type: str, window: TimeWindow, future: bool):
    col, kind = _q(name), data_type.upper()
    latest = f"{window.latest:%Y-%m-%d %H:%M:%S}"
    if kind == "DATE":
        latest = f"{window.latest.date()}"
        low, high = f"date '{window.earliest}'", f"date '{latest}'"
        future = future and not FORWARD_LOOKING.search(name)
    elif kind in ("TIMESTAMP WITH TIME ZONE", "TIMESTAMPTZ"):
        low, high = f"timestamptz '{window.earliest} 00:00:00+00'", f"timestamptz '{latest}+00'"
    else:
        low, high = f"timestamp '{window.earliest} 00:00:00'", f"timestamp '{latest}'"
    shown = f"'{_text(name)}=' || {col}::varchar"
    cases = [
        f"when not isfinite({col}) then {shown} || ' is not finite'",
        f"when {col} < {low} then {shown} || ' is before {window.earliest} ({TIMESTAMP_MIN_ENV})'",
    ]
    if not future:
        return [f"{col} < {low}", f"not isfinite({col})"], f"case {' '.join(cases)} end"
    days = f"{window.future_days} day" + ("" if window.future_days == 1 else "s")
    cases.append(f"when {col} > {high} then {shown} || ' is after {latest} (UTC now + {days})'")
    # -infinity and infinity are below and above the bounds: two plain comparisons.
    return [f"{col} < {low}", f"{col} > {high}"], f"case {' '.join(cases)} end"


def _number_terms(name: str, data_type: str):
    col, floating = _q(name), data_type.upper() in _FLOAT_TYPES
    shown = f"'{_text(name)}=' || {col}::varchar"
    cases = [f"when not isfinite({col}) then {shown} || ' is not finite'"] if floating else []
    if is_money(name, data_type):
        cases.append(
            f"when {col} > {MONEY_LIMIT} or {col} < -{MONEY_LIMIT} "
            f"then {shown} || ' is beyond ±1e12'"
        )
        # NaN sorts above every number in DuckDB: the bounds catch it, and ±infinity.
        return [f"{col} > {MONEY_LIMIT}", f"{col} < -{MONEY_LIMIT}"], f"case {' '.join(cases)} end"
    if is_fraction(name, data_type):
        # docs/bi-contract.md §2: rates and shares are fractions; 1e-9 for float sums.
        cases.append(
            f"when {col} < 0 or {col} > 1 + {FRACTION_SLACK} then {shown} || ' is outside [0, 1]'"
        )
        bounds = [f"{col} < 0", f"{col} > 1 + {FRACTION_SLACK}"]
        return [*bounds, *([f"not isfinite({col})"] if floating else [])], (
            f"case {' '.join(cases)} end"
        )
    if floating:
        return [f"not isfinite({col})"], f"case {' '.join(cases)} end"
    return [], None


def value_range_query(
    columns: Sequence[tuple[str, str]],
    keys: Sequence[str],
    window: TimeWindow,
    future_exempt: bool = False,
) -> str:
    """The rows of `{batch}` with a value out of range, shown by `keys` and `value_problems`;
    a query that returns nothing when the table has no column to check."""
    conditions, problems = [], []
    for name, data_type in columns:
        if data_type.upper() in _TIME_TYPES:
            where, case = _time_terms(name, data_type, window, not future_exempt)
        else:
            where, case = _number_terms(name, data_type)
        conditions += where
        problems += [case] if case else []
    if not conditions:
        return NOTHING
    types = {name: data_type.upper() for name, data_type in columns}
    textual = (*_TIME_TYPES, *_FLOAT_TYPES)  # shown as text: ±infinity and NaN stay readable
    shown = [
        f"{_q(k)}::varchar as {_q(k)}" if types[k] in textual else _q(k) for k in keys if k in types
    ]
    select = ", ".join([*shown, f"concat_ws('; ', {', '.join(problems)}) as value_problems"])
    return f"select {select} from {{batch}} where {' or '.join(conditions)}"


def table_columns(connection: duckdb.DuckDBPyConnection, table: str) -> list[tuple[str, str]]:
    schema, _, name = table.partition(".")
    return connection.execute(
        "select column_name, data_type from information_schema.columns"
        " where table_catalog = current_database() and table_schema = ? and table_name = ?"
        " order by ordinal_position",
        [schema, name],
    ).fetchall()


def checked_columns(
    columns: Sequence[tuple[str, str]], window: TimeWindow, future_exempt: bool = False
) -> dict:
    """What the query checks, for the report (in place of the query's text)."""
    kinds = {name: data_type.upper() for name, data_type in columns}
    times = [n for n, k in kinds.items() if k in _TIME_TYPES]
    open_ended = [
        n for n in times if future_exempt or (kinds[n] == "DATE" and FORWARD_LOOKING.search(n))
    ]
    money = [n for n, k in kinds.items() if is_money(n, k)]
    return {
        "time_window": [str(window.earliest), f"{window.latest:%Y-%m-%d %H:%M:%S}"],
        "time_columns": times,
        "no_future_bound": open_ended,
        "money_columns": money,
        "float_columns": [n for n, k in kinds.items() if k in _FLOAT_TYPES and n not in money],
    }


def query_for(
    connection: duckdb.DuckDBPyConnection,
    table: str,
    meta: dict,
    window: TimeWindow | None = None,
) -> tuple[str, dict]:
    """The value-range query of `table` as it is now (its columns, the window of now), and
    what it checks."""
    columns, window = table_columns(connection, table), window or TimeWindow.now()
    exempt = bool(meta.get("future_exempt"))
    query = value_range_query(columns, meta.get("keys") or [], window, future_exempt=exempt)
    return query, checked_columns(columns, window, exempt)
