"""The types BI drivers read well: the casts publish applies (docs/bi-contract.md §2).

DuckDB's `sum` of integers is HUGEINT and of DECIMAL(18,x) is DECIMAL(38,x); drivers show
those as `0E-22` or refuse them. Models should produce the right types themselves; publish
is the last line: HUGEINT -> BIGINT, DECIMAL with precision above 18 -> DECIMAL(18,2) for
money (the column names its currency: `_usd`, or a money word) and DOUBLE otherwise; a
LIST column (e.g. a campaign's utm values) becomes text joined by ', ', since SQLAlchemy
drivers cannot map lists.
"""

from __future__ import annotations

import re

_DECIMAL = re.compile(r"^DECIMAL\((\d+),\s*(\d+)\)$")
_MONEY_NAME = re.compile(r"(^|_)(usd|amount|revenue|cost|spend|quota|pipeline|budget)(_|$)")
_HUGE = ("HUGEINT", "UHUGEINT", "INT128", "UINT128")


def serving_type(column: str, data_type: str) -> str | None:
    """The type `column` is cast to in the serving file, or None to keep `data_type`."""
    kind = data_type.upper().strip()
    if kind in _HUGE:
        return "BIGINT"
    decimal = _DECIMAL.match(kind)
    if decimal and int(decimal.group(1)) > 18:
        return "DECIMAL(18,2)" if _MONEY_NAME.search(column.lower()) else "DOUBLE"
    return None


def cast_expression(quoted: str, column: str, data_type: str) -> str:
    """`quoted` (a select-list expression) cast for the serving file when it needs it."""
    if data_type.strip().endswith("[]"):
        return f"array_to_string({quoted}, ', ') AS {quoted}"
    target = serving_type(column, data_type)
    return quoted if target is None else f"CAST({quoted} AS {target}) AS {quoted}"
