"""Open the serving file as a BI tool does: DuckDB 1.4 through SQLAlchemy (duckdb_engine).

Run as a script by tests/orchestration/test_bi_contract.py with the project's Python and the
BI reader packages (`make install` puts duckdb 1.4, duckdb_engine and SQLAlchemy <2.1 in
.venv/bi-reader, apart from the pipeline's newer DuckDB):

    python tests/support/bi_reader.py <bi-reader dir> <serving file> <keys.json>

`keys.json` maps 'schema.table' to its documented key columns. Prints one JSON document:
the driver versions and, per table, its comment, its columns as SQLAlchemy reflects them
(type and comment), its row count, the rows whose key repeats or is NULL, and the range of
each `*_rate` / `*_share` column. Every row is fetched through SQLAlchemy, so a type the
driver cannot decode fails here, as it would in Superset.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def main(reader_dir: str, serving: str, keys_path: str) -> dict:
    sys.path.insert(0, reader_dir)
    import duckdb
    import sqlalchemy as sa

    keys = json.loads(Path(keys_path).read_text())
    engine = sa.create_engine(f"duckdb:///{serving}", connect_args={"read_only": True})
    out = {"duckdb": duckdb.__version__, "sqlalchemy": sa.__version__, "tables": {}}
    with engine.connect() as con:
        inspector = sa.inspect(con)
        comments = dict(
            con.execute(
                sa.text(
                    "select schema_name || '.' || table_name, comment from duckdb_tables()"
                    " where database_name = current_database()"
                )
            ).all()
        )
        column_comments = {
            (t, c): comment
            for t, c, comment in con.execute(
                sa.text(
                    "select schema_name || '.' || table_name, column_name, comment"
                    " from duckdb_columns() where database_name = current_database()"
                )
            ).all()
        }
        for schema in inspector.get_schema_names():
            # duckdb_engine names schemas '<catalog>.<schema>'.
            bare = schema.rpartition(".")[2]
            for name in inspector.get_table_names(schema=schema):
                table = f"{bare}.{name}"
                relation = f"{_q(bare)}.{_q(name)}"
                columns = inspector.get_columns(name, schema=schema)
                rows = con.execute(sa.text(f"select * from {relation}")).all()
                key = keys.get(table) or []
                info = {
                    "comment": comments.get(table),
                    "columns": [
                        {
                            "name": c["name"],
                            "type": str(c["type"]),
                            "sqlalchemy_type": type(c["type"]).__name__,
                            "comment": column_comments.get((table, c["name"])),
                        }
                        for c in columns
                    ],
                    "rows": len(rows),
                    "key": key,
                    "rates": {},
                }
                if key:
                    cols = ", ".join(map(_q, key))
                    info["duplicate_keys"] = con.execute(
                        sa.text(
                            f"select count(*) from (select {cols} from {relation}"
                            f" group by all having count(*) > 1)"
                        )
                    ).scalar()
                    info["null_keys"] = con.execute(
                        sa.text(
                            f"select count(*) from {relation} where "
                            + " or ".join(f"{_q(k)} is null" for k in key)
                        )
                    ).scalar()
                for c in columns:
                    if c["name"].endswith(("_rate", "_share")):
                        low, high = con.execute(
                            sa.text(
                                f"select min({_q(c['name'])}), max({_q(c['name'])}) from {relation}"
                            )
                        ).one()
                        info["rates"][c["name"]] = [
                            None if low is None else float(low),
                            None if high is None else float(high),
                        ]
                out["tables"][table] = info
    return out


if __name__ == "__main__":
    print(json.dumps(main(*sys.argv[1:4]), default=str))
