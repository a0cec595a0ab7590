"""Print what the last pipeline run produced: `python -m orchestration.summary`."""

from __future__ import annotations

import duckdb

from orchestration.settings import get_settings


def table_counts(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, int]]:
    tables = con.execute(
        """
        select table_schema, table_name
        from information_schema.tables
        where table_schema not in ('information_schema', 'pg_catalog')
          and table_type = 'BASE TABLE'
        order by table_schema, table_name
        """
    ).fetchall()
    return [
        (schema, name, con.execute(f'select count(*) from "{schema}"."{name}"').fetchone()[0])
        for schema, name in tables
    ]


def main() -> None:
    settings = get_settings()
    if not settings.warehouse_path.exists():
        raise SystemExit(f"No warehouse at {settings.warehouse_path}: run `make run` first.")
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as con:
        print(f"\nclosedloop warehouse: {settings.warehouse_path}")
        current_schema = None
        for schema, name, rows in table_counts(con):
            if schema != current_schema:
                print(f"  {schema}")
                current_schema = schema
            print(f"    {name:<48} {rows:>12,} rows")


if __name__ == "__main__":
    main()
