"""What one Fivetran schema holds, and SQL over its tables that tolerates missing columns.

Fivetran syncs only the tables and columns a connector has enabled (and the vendor account
uses), so every mapping asks `Table.col` for a column and gets NULL when it is absent.
Values are rendered as the vendor's API sends them: timestamps as ISO-8601 UTC text
(Fivetran stores UTC), booleans as `true`/`false`, numbers as their text.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from ingestion.sqltext import lit

ALIAS = "fivetran"  # the attached database
ISO_FMT = "%Y-%m-%dT%H:%M:%S.%gZ"
# Text that already names its offset is passed on as sent; naive text is UTC.
_HAS_OFFSET = r"(Z|z|[+-][0-9]{2}(:?[0-9]{2})?)$"
# History tables: the newest version of an id first (the columns each table has).
VERSION_ORDER = ("updated_at", "updated_time", "last_modified_time", "_fivetran_synced")


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def iso_text(expr: str) -> str:
    """ISO-8601 UTC text of a timestamp sent as text (kept as sent when it does not parse)."""
    return (
        f"CASE WHEN regexp_matches({expr}, {lit(_HAS_OFFSET)}) THEN {expr} "
        f"ELSE coalesce(strftime(try_cast({expr} AS TIMESTAMP), {lit(ISO_FMT)}), {expr}) END"
    )


@dataclass(frozen=True)
class Table:
    schema: str
    name: str
    columns: dict[str, str]  # column -> DuckDB type (upper case)

    @property
    def ref(self) -> str:
        return f"{ALIAS}.{quote(self.schema)}.{quote(self.name)}"

    @property
    def file(self) -> str:
        """The `_file` lineage of its records."""
        return f"fivetran:{self.schema}.{self.name}"

    def has(self, *names: str) -> bool:
        return all(n in self.columns for n in names)

    def col(self, name: str, alias: str = "t") -> str:
        return f"{alias}.{quote(name)}" if name in self.columns else "NULL"

    def first(self, *names: str, alias: str = "t") -> str:
        """The first of `names` the table has, else NULL."""
        return next((self.col(n, alias) for n in names if n in self.columns), "NULL")

    def kind(self, name: str) -> str:
        typ = self.columns.get(name, "")
        if typ.startswith("TIMESTAMP WITH TIME ZONE"):
            return "timestamptz"
        if typ.startswith("TIMESTAMP"):
            return "timestamp"
        if typ == "DATE":
            return "date"
        if typ == "BOOLEAN":
            return "boolean"
        if typ in ("FLOAT", "DOUBLE", "REAL") or typ.startswith("DECIMAL"):
            return "decimal"
        if typ.endswith("INT") or typ in ("INTEGER", "HUGEINT", "UBIGINT", "UINTEGER"):
            return "integer"
        return "text"

    def text(self, name: str, alias: str = "t") -> str:
        """The column as the vendor's text: ISO timestamps, true/false, numbers as text."""
        if name not in self.columns:
            return "NULL"
        c, kind = self.col(name, alias), self.kind(name)
        if kind == "timestamptz":
            return f"strftime(timezone('UTC', {c}), {lit(ISO_FMT)})"
        if kind == "timestamp":
            return f"strftime({c}, {lit(ISO_FMT)})"
        if kind == "date":
            return f"strftime({c}, '%Y-%m-%d')"
        if kind == "boolean":
            return f"CASE WHEN {c} THEN 'true' WHEN NOT {c} THEN 'false' END"
        return f"CAST({c} AS VARCHAR)"

    def iso(self, name: str, alias: str = "t") -> str:
        """A timestamp column as ISO-8601 UTC text, whatever type Fivetran gave it."""
        if self.kind(name) == "text" and name in self.columns:
            return iso_text(self.text(name, alias))
        return self.text(name, alias)

    def int_text(self, name: str, alias: str = "t") -> str:
        """An integer count as text (a whole DOUBLE without its `.0`)."""
        c = self.col(name, alias)
        if self.kind(name) == "decimal":
            whole = f"CAST(CAST({c} AS HUGEINT) AS VARCHAR)"
            return f"CASE WHEN {c} = trunc({c}) THEN {whole} ELSE CAST({c} AS VARCHAR) END"
        return self.text(name, alias)

    def flag(self, name: str, alias: str = "t") -> str:
        """A boolean column (also when synced as text); NULL when absent."""
        if name not in self.columns:
            return "NULL"
        return f"try_cast({self.col(name, alias)} AS BOOLEAN)"

    def live(self, alias: str = "t") -> str:
        """Rows Fivetran still holds: not deleted at the source or by Fivetran, and the
        active version of a history-mode table."""
        conds = [
            f"coalesce({self.flag(c, alias)}, false) = false"
            for c in ("_fivetran_deleted", "is_deleted")
            if c in self.columns
        ]
        if "_fivetran_active" in self.columns:
            conds.append(f"coalesce({self.flag('_fivetran_active', alias)}, true)")
        return " AND ".join(conds) or "true"

    def latest(self, key: str = "id") -> str:
        """A subquery: the newest live version of each `key` (a Fivetran *_history table)."""
        order = [
            f"try_cast({self.col(c)} AS TIMESTAMP) DESC NULLS LAST"
            if self.kind(c) == "text"
            else f"{self.col(c)} DESC NULLS LAST"
            for c in VERSION_ORDER
            if c in self.columns
        ]
        newest = (
            f"SELECT * FROM {self.ref} t QUALIFY row_number() OVER "
            f"(PARTITION BY {self.col(key)} ORDER BY {', '.join(order) or 'NULL'}) = 1"
        )
        return f"(SELECT * FROM ({newest}) t WHERE {self.live()})"


class Schema:
    """The tables of one schema of the attached Fivetran database."""

    def __init__(self, con: duckdb.DuckDBPyConnection, schema: str):
        self.name = schema
        rows = con.execute(
            "SELECT table_name, column_name, upper(data_type) FROM information_schema.columns "
            "WHERE table_catalog = ? AND table_schema = ? ORDER BY table_name, ordinal_position",
            [ALIAS, schema],
        ).fetchall()
        self.tables: dict[str, dict[str, str]] = {}
        for table, column, typ in rows:
            self.tables.setdefault(table.lower(), {})[column.lower()] = typ

    def table(self, name: str) -> Table | None:
        cols = self.tables.get(name)
        return Table(self.name, name, cols) if cols is not None else None


def record_sql(table: Table, locator: str, payload: str, body: str) -> str:
    """The `recs` columns of a mapping: `_file`, locator, payload (JSON text)."""
    return (
        f"SELECT {lit(table.file)} AS _file, CAST({locator} AS VARCHAR) AS locator, "
        f"CAST({payload} AS VARCHAR) AS payload {body}"
    )
