"""Compare the published tables of two builds of the same data, row for row.

For tests/quality/test_build_twice.py (docs/resilience.md §4): copies the published tables
of each warehouse into one DuckDB connection and compares them as multisets (EXCEPT ALL both
ways), doubles compared as explained below.
"""

from __future__ import annotations

import math
from pathlib import Path

# How DOUBLE columns are compared: magnitudes below 1e-9 count as 0, the rest is rounded
# to 10 significant digits (printf '%.9e').
# The double columns are ratios, attribution weights (1/n, time decay, the Markov solve)
# and sums of weighted amounts. Their values are a function of the data, but their last
# bits are not: DuckDB adds a double SUM/AVG in the order the rows arrive (and in
# per-thread partial states combined in scheduling order), and double addition is not
# associative. The reorder error is at most about n * 2^-53 relative for n positive terms
# (< 1e-11 at the tiny scale's ~40k credit rows), far below the 10th digit, while 10
# digits still tell a cent apart on amounts up to 100 million USD, the finest difference
# any published number means. A difference of such a sum and the exact total it
# reconciles to (unreconciled_amount_usd: 0 in truth, +-7e-12 as computed) is nothing but
# that error, which no number of significant digits hides: hence the absolute floor, a
# billionth of the column's unit (USD, conversion, day, ratio).
# Exact sums instead (each credit cast to DECIMAL) were not chosen: the weights themselves
# (1/3, exp(...), the Markov solve) are not decimals, so that would round every credit
# and change published column types for a difference of 1e-12 USD; money that is decimal
# at the source (deal amounts, spend, quotas) is already DECIMAL, exact in any order.
SIGNIFICANT_DIGITS = 10
ZERO_BELOW = 1e-9
# Values this close are the same value: used only for rows that the rounding put on two
# sides of a rounding boundary.
RELATIVE_TOLERANCE = 10.0**-SIGNIFICANT_DIGITS
SAMPLE_ROWS = 3


def model_tables(manifest: dict) -> list[str]:
    return [
        f"{node['schema']}.{node['alias']}"
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model"
    ]


def copy_tables(comparison, warehouse: Path, tables: list[str], prefix: str) -> None:
    """Copy each table (views evaluated) into the in-memory comparison database.

    The build's file is attached under its own catalog name, one build at a time: its views
    name that catalog, so they must read their own build's tables."""
    catalog = warehouse.stem
    comparison.execute(f"attach '{warehouse}' as \"{catalog}\" (read_only)")
    try:
        for table in tables:
            schema, name = table.split(".")
            comparison.execute(
                f'create table memory.main."{prefix}:{table}" as'
                f' select * from "{catalog}"."{schema}"."{name}"'
            )
    finally:
        comparison.execute("use memory")
        comparison.execute(f'detach "{catalog}"')


def _columns(comparison, table: str) -> list[tuple[str, str]]:
    return comparison.execute(
        "select column_name, data_type from information_schema.columns"
        " where table_catalog = 'memory' and table_name = ? order by ordinal_position",
        [table],
    ).fetchall()


def _rounded(column: str, data_type: str) -> str:
    if data_type in ("DOUBLE", "FLOAT"):
        value = f'"{column}"'
        # abs(-0.0) < ZERO_BELOW too: -0.0 becomes 0.0.
        floored = f"case when abs({value}) < {ZERO_BELOW} then 0.0 else {value} end"
        return f"printf('%.{SIGNIFICANT_DIGITS - 1}e', {floored}) as {value}"
    return f'"{column}"'


def _same_value(a, b) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return (
            a == b
            or (math.isnan(a) and math.isnan(b))
            or math.isclose(a, b, rel_tol=RELATIVE_TOLERANCE, abs_tol=ZERO_BELOW)
        )
    return a == b


def _unmatched(rows_a: list[tuple], rows_b: list[tuple], floats: list[int]):
    """Rows of A and of B that have no counterpart within the tolerance (multisets).

    Rows are grouped by their non-double columns and, in each group, paired in order of
    their doubles."""

    def key(row):
        return tuple(repr(v) for i, v in enumerate(row) if i not in floats)

    def order(row):
        return tuple((row[i] is None, row[i] if row[i] is not None else 0.0) for i in floats)

    groups: dict[tuple, tuple[list, list]] = {}
    for side, rows in ((0, rows_a), (1, rows_b)):
        for row in rows:
            groups.setdefault(key(row), ([], []))[side].append(row)
    only_a, only_b = [], []
    for group_a, group_b in groups.values():
        group_a.sort(key=order)
        group_b.sort(key=order)
        for row_a, row_b in zip(group_a, group_b, strict=False):
            if not all(_same_value(x, y) for x, y in zip(row_a, row_b, strict=True)):
                only_a.append(row_a)
                only_b.append(row_b)
        only_a += group_a[len(group_b) :]
        only_b += group_b[len(group_a) :]
    return only_a, only_b


def difference(comparison, table: str, left: str, right: str) -> str | None:
    """None when `table` holds the same rows in builds `left` and `right`, else what differs."""
    table_a, table_b = f"{left}:{table}", f"{right}:{table}"
    columns = _columns(comparison, table_a)
    if columns != _columns(comparison, table_b):
        return f"{table}: columns differ: {left} {columns}, {right} {_columns(comparison, table_b)}"
    projection = ", ".join(_rounded(c, t) for c, t in columns)
    except_all = 'select {p} from memory.main."{x}" except all select {p} from memory.main."{y}"'
    a_only = comparison.execute(except_all.format(p=projection, x=table_a, y=table_b)).fetchall()
    b_only = comparison.execute(except_all.format(p=projection, x=table_b, y=table_a)).fetchall()
    if not a_only and not b_only:
        return None
    # Rows that differ after rounding: either a real difference or doubles a hair apart on
    # two sides of a rounding boundary. Compare the unrounded rows with the tolerance.
    floats = [i for i, (_, t) in enumerate(columns) if t in ("DOUBLE", "FLOAT")]
    a_rows = comparison.execute(f'select * from memory.main."{table_a}"').fetchall()
    b_rows = comparison.execute(f'select * from memory.main."{table_b}"').fetchall()
    only_a, only_b = _unmatched(a_rows, b_rows, floats)
    if not only_a and not only_b:
        return None
    names = [c for c, _ in columns]

    def sample(rows):
        return "\n".join(
            f"      {dict(zip(names, row, strict=True))}" for row in rows[:SAMPLE_ROWS]
        )

    return (
        f"{table}: {len(only_a)} row(s) only in build {left}, {len(only_b)} only in build"
        f" {right} (of {len(a_rows)} / {len(b_rows)})\n"
        f"    only in {left}, e.g.:\n{sample(only_a)}\n"
        f"    only in {right}, e.g.:\n{sample(only_b)}"
    )
