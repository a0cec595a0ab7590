"""Compare every published table of two DuckDB files, row for row.

    python -m benchmarks.compare_published BEFORE.duckdb AFTER.duckdb [--schemas core,metrics]

Used to prove that a refactoring left every number unchanged: build the same demo before
and after the change, then compare the serving files (or the warehouses). For each table
of BEFORE in the chosen schemas it reports whether AFTER has it with the same columns
(name and type, in order) and the same multiset of rows (`EXCEPT ALL` both ways, so
duplicates count). Rows left over on both sides are then paired by their non-double
columns: a table whose leftovers differ only in doubles, each within a relative 1e-9 (a
parallel sum adds in another order from run to run), counts as identical. Otherwise the
columns that differ are named. `--round N` rounds doubles to N decimals before the set
comparison and then pairs leftovers within one unit of the Nth decimal (use it for sums of
money that should be 0 and come out as +-2e-9). Views are read through their own file,
so compare a warehouse under the file name it was built with (dbt-duckdb writes that
catalog name into its views). Tables only in AFTER are listed as added. Exit 0 when
every compared table is identical, 1 otherwise.
"""

from __future__ import annotations

import argparse
import math
import sys
import tempfile
from pathlib import Path

import duckdb

_FLOATS = {"DOUBLE", "FLOAT", "REAL"}
REL_TOL = 1e-9


def _tables(con: duckdb.DuckDBPyConnection, alias: str, schemas: list[str] | None) -> list[str]:
    rows = con.execute(
        "select schema_name, table_name from duckdb_tables() where database_name = ?"
        " union select schema_name, view_name from duckdb_views()"
        " where database_name = ? and not internal",
        [alias, alias],
    ).fetchall()
    return sorted(f"{s}.{t}" for s, t in rows if schemas is None or s in schemas)


def _columns(con, alias: str, table: str) -> list[tuple[str, str]]:
    schema, name = table.split(".", 1)
    return con.execute(
        "select column_name, data_type from duckdb_columns()"
        " where database_name = ? and schema_name = ? and table_name = ?"
        " order by column_index",
        [alias, schema, name],
    ).fetchall()


def _select(alias: str, table: str, columns, digits: int | None) -> str:
    schema, name = table.split(".", 1)
    exprs = []
    for column, dtype in columns:
        quoted = '"' + column.replace('"', '""') + '"'
        if digits is not None and dtype in _FLOATS:
            exprs.append(f"round({quoted}, {digits}) as {quoted}")
        else:
            exprs.append(quoted)
    return f'select {", ".join(exprs)} from {alias}."{schema}"."{name}"'


def compare_table(
    con, table: str, digits: int | None = None, ignore: frozenset[str] = frozenset()
) -> str | None:
    """None when identical, else a one-line reason. Columns named in `ignore`
    ('schema.table.column') must exist on both sides but their values are not compared."""
    before, after = _columns(con, "before", table), _columns(con, "after", table)
    if before != after:
        missing = [c for c in before if c not in after]
        extra = [c for c in after if c not in before]
        return f"columns differ: missing {missing}, extra {extra}"
    before = after = [c for c in before if f"{table}.{c[0]}" not in ignore]
    left, right = _select("before", table, before, digits), _select("after", table, after, digits)
    counts = con.execute(
        f"select (select count(*) from ({left})), (select count(*) from ({right}))"
    )
    n_before, n_after = counts.fetchone()
    only_before = con.execute(f"{left} except all {right}").fetchall()
    only_after = con.execute(f"{right} except all {left}").fetchall()
    if n_before == n_after and not only_before and not only_after:
        return None
    # rounded to N decimals, two sides of a rounding boundary are one unit apart
    abs_tol = max(REL_TOL, 1.5 * 10.0**-digits) if digits is not None else REL_TOL
    if n_before == n_after and _equal_within_tolerance(before, only_before, only_after, abs_tol):
        return None
    differing = _differing_columns(before, only_before, only_after, abs_tol)
    return (
        f"rows differ: {n_before} before, {n_after} after, {len(only_before)} only before,"
        f" {len(only_after)} only after; columns that differ: {differing}"
    )


def _pair(columns, only_before, only_after):
    """Pair the leftover rows of both sides by their non-float columns."""
    exact = [i for i, (_, dtype) in enumerate(columns) if dtype not in _FLOATS]

    def key(row):
        return tuple((v is None, str(v)) for v in (row[i] for i in exact))

    return zip(sorted(only_before, key=key), sorted(only_after, key=key), strict=True)


def _equal_within_tolerance(columns, only_before, only_after, abs_tol: float = REL_TOL) -> bool:
    """True when the leftover rows differ only in doubles, each within a relative 1e-9
    (a different summation order changes the last bits of a sum)."""
    if len(only_before) != len(only_after):
        return False
    for left, right in _pair(columns, only_before, only_after):
        for (_, dtype), a, b in zip(columns, left, right, strict=True):
            if dtype in _FLOATS and a is not None and b is not None:
                if not math.isclose(a, b, rel_tol=REL_TOL, abs_tol=abs_tol):
                    return False
            elif a != b:
                return False
    return True


def _differing_columns(columns, only_before, only_after, abs_tol: float = REL_TOL) -> list[str]:
    if len(only_before) != len(only_after):
        return ["(row counts differ)"]
    names = set()
    for left, right in _pair(columns, only_before, only_after):
        for (name, dtype), a, b in zip(columns, left, right, strict=True):
            same = (
                math.isclose(a, b, rel_tol=REL_TOL, abs_tol=abs_tol)
                if dtype in _FLOATS and a is not None and b is not None
                else a == b
            )
            if not same:
                names.add(name)
    return sorted(names)


def _materialize_views(path: str, alias: str, con, workdir: Path, schemas) -> None:
    """Views of a warehouse name its own catalog, which an attached copy does not have: read
    each view in a connection of its own file and stand it in as a table of `alias`."""
    with duckdb.connect(path, read_only=True) as own:
        views = own.execute(
            "select schema_name, view_name from duckdb_views() where not internal"
        ).fetchall()
        for schema, view in views:
            if schemas is not None and schema not in schemas:
                continue
            parquet = workdir / f"{alias}.{schema}.{view}.parquet"
            own.execute(f'copy (select * from "{schema}"."{view}") to \'{parquet}\'')
            con.execute(f'create schema if not exists {alias}."{schema}"')
            con.execute(
                f'create or replace table {alias}."{schema}"."{view}" as'
                f" select * from read_parquet('{parquet}')"
            )


def compare(
    before: str,
    after: str,
    schemas: list[str] | None,
    digits: int | None,
    ignore: frozenset[str] = frozenset(),
) -> int:
    con = duckdb.connect()
    workdir = Path(tempfile.mkdtemp(prefix="compare_published_"))
    for alias, path in (("before", before), ("after", after)):
        # Tables are attached read-only; views become tables of an in-memory stand-in.
        con.execute(f"attach '{path}' as {alias}_file (read_only)")
        con.execute(f"attach ':memory:' as {alias}")
        for schema, table in con.execute(
            "select schema_name, table_name from duckdb_tables() where database_name = ?",
            [f"{alias}_file"],
        ).fetchall():
            if schemas is None or schema in schemas:
                con.execute(f'create schema if not exists {alias}."{schema}"')
                con.execute(
                    f'create view {alias}."{schema}"."{table}" as'
                    f' select * from {alias}_file."{schema}"."{table}"'
                )
        _materialize_views(path, alias, con, workdir, schemas)
    tables_before = _tables(con, "before", schemas)
    tables_after = set(_tables(con, "after", schemas))
    identical, different, missing = 0, 0, []
    for table in tables_before:
        if table not in tables_after:
            missing.append(table)
            continue
        reason = compare_table(con, table, digits, ignore)
        if reason is None:
            identical += 1
        else:
            different += 1
            print(f"DIFFERENT {table}: {reason}")
    for table in missing:
        print(f"ONLY BEFORE {table}")
    for table in sorted(tables_after - set(tables_before)):
        print(f"ONLY AFTER {table}")
    print(
        f"{identical} identical, {different} different, {len(missing)} only before,"
        f" {len(tables_after - set(tables_before))} only after"
        f" (of {len(tables_before)} tables before)"
    )
    return 0 if different == 0 else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("--schemas", help="comma-separated schemas (default: all)")
    parser.add_argument("--round", type=int, dest="digits", help="round doubles to N decimals")
    parser.add_argument(
        "--ignore-column",
        action="append",
        default=[],
        metavar="SCHEMA.TABLE.COLUMN",
        help="a column whose values differ between two builds of the same code (e.g. a tie"
        " broken by mode()); it must exist on both sides, its values are not compared",
    )
    args = parser.parse_args(argv)
    schemas = args.schemas.split(",") if args.schemas else None
    for column in args.ignore_column:
        print(f"IGNORED {column}")
    return compare(args.before, args.after, schemas, args.digits, frozenset(args.ignore_column))


if __name__ == "__main__":
    sys.exit(main())
