"""Turn a table contract into SQL that types records and sorts out the bad ones.

Input: a DuckDB temp table `recs(_file, locator, payload)` where `payload` is one vendor
record as JSON text (a JSONL line, an element of a page's array, a CSV row as an object, or
an API record). Output: the good records as a parquet file with the raw columns and
lineage (for dlt to import), and the quarantined ones as small dicts.

Why SQL and not Python: at tens of millions of records a per-record Python loop (or dlt's
JSON normalizer) is an order of magnitude slower than DuckDB's vectorised JSON functions.
Each record is parsed once by `json_extract` with the list of all declared paths; the
type and rule checks then work on the small extracted fragments.

The per-record SQL (typed values, quarantine conditions) is in ingestion/record_checks.py,
the discovery of undeclared fields in ingestion/schema_drift.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from ingestion.contracts import TableContract
from ingestion.record_checks import quarantine_checks, typed_value
from ingestion.schema_drift import discover_extras
from ingestion.sqltext import json_path, lit

# "Looks like a JSON object". ltrim() scans the whole payload, so it runs only when the first
# character is not already the opening brace (almost never).
_OBJECT_TEXT = "(left(payload, 1) = '{' OR ltrim(payload) LIKE '{%')"


class SchemaContractError(Exception):
    """A required column is missing from a whole file: the source's export changed shape."""


@dataclass
class Validated:
    rows: int
    columns: dict[str, str]  # raw column -> DuckDB type, lineage included
    quarantine: list[dict]


def check_required_columns(
    con: duckdb.DuckDBPyConnection, contract: TableContract, min_records: int
) -> None:
    """Fail when a required field is absent from every record of a file.

    A single record without the field is a bad record (quarantine); a whole file without it
    is a changed export format, which must stop the source loudly instead of quarantining
    everything.
    """
    req = [(i + 1, f) for i, f in enumerate(contract.fields) if f.required]
    if not req:
        return
    counts = ", ".join(f"count(f[{i}])" for i, _ in req)
    rows = con.execute(
        f"SELECT _file, count(*), {counts} FROM _p WHERE f IS NOT NULL GROUP BY _file "
        f"HAVING count(*) >= {min_records} AND least({counts}) = 0"
    ).fetchall()
    for row in rows:
        file, present = row[0], row[2:]
        missing = [f.path for (_, f), n in zip(req, present, strict=True) if n == 0]
        raise SchemaContractError(
            f"{contract.name}: required column(s) {', '.join(missing)} missing from every "
            f"record of {file} (source {contract.source}); the export format changed"
        )


def validate(
    con: duckdb.DuckDBPyConnection,
    contract: TableContract,
    *,
    out: Path,
    lineage: dict[str, str],
    load_ts: str,
    min_records_for_schema: int = 2,
    enums: dict[str, tuple[str, ...]] | None = None,
) -> Validated:
    """Validate `recs` against `contract`; write good rows to `out` (parquet)."""
    fields = list(contract.fields)
    paths = "[" + ", ".join(lit(json_path(f.path)) for f in fields) + "]"
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _p AS SELECT _file, locator, payload, "
        f"CASE WHEN {_OBJECT_TEXT} THEN try(json_extract(payload, {paths})) END AS f "
        "FROM recs"
    )
    check_required_columns(con, contract, min_records_for_schema)
    extras = discover_extras(con, contract)

    n = len(fields)
    frag = [f"f[{i}]->>'$' AS t{i}, json_type(f[{i}]) AS j{i}" for i in range(1, n + 1)]
    typed = [f"{typed_value(f, i)} AS v{i}" for i, f in enumerate(fields, 1)]
    derived = [f"{d.sql} AS {d.column}" for d in contract.derived]
    flat_names = [f"v{i} AS {f.column}" for i, f in enumerate(fields, 1) if f.output]
    extra_sql = []
    if extras:
        epaths = "[" + ", ".join(lit(json_path(x.path)) for x in extras) + "]"
        frag.append(f"CASE WHEN f IS NOT NULL THEN try(json_extract(payload, {epaths})) END AS e")
        for k, x in enumerate(extras, 1):
            val = f"e[{k}]" if x.type == "JSON" else f"TRY_CAST(e[{k}]->>'$' AS {x.type})"
            extra_sql.append(f"CASE WHEN json_type(e[{k}]) <> 'NULL' THEN {val} END AS {x.column}")
    checks = quarantine_checks(contract, load_ts, enums or {})
    reason = "CASE " + " ".join(f"WHEN {c} THEN {r}" for c, r in checks) + " END"
    key_text = " || '|' || ".join(f"coalesce({k}::VARCHAR, '')" for k in contract.key)
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _t AS
        WITH a AS (SELECT _file, locator, payload, f, {", ".join(frag)} FROM _p),
             b AS (SELECT *, {", ".join(typed + derived)} FROM a),
             c AS (SELECT *, {", ".join(flat_names + extra_sql)} FROM b)
        SELECT *, {reason} AS _reason, {key_text} AS _key FROM c""")
    out_cols = (
        [f.column for f in fields if f.output]
        + [d.column for d in contract.derived]
        + [x.column for x in extras]
    )
    lin = (
        f"{lit(lineage['_source'])} AS _source, {lit(lineage['_batch_id'])} AS _batch_id, "
        f"TIMESTAMPTZ {lit(lineage['_loaded_at'])} AS _loaded_at, _file"
    )
    select = f"SELECT {', '.join(out_cols)}, {lin} FROM _t WHERE _reason IS NULL"
    rows = con.execute(
        f"COPY ({select}) TO {lit(str(out))} (FORMAT parquet, "
        "COMPRESSION zstd, ROW_GROUP_SIZE 122880)"
    ).fetchone()[0]
    bad = con.execute(
        "SELECT _file, locator, payload, _reason, _key FROM _t WHERE _reason IS NOT NULL"
    ).fetchall()
    types = {f.column: f.type for f in fields if f.output}
    types.update({d.column: d.type for d in contract.derived})
    types.update({x.column: x.type for x in extras})
    types.update(
        {
            "_source": "VARCHAR",
            "_batch_id": "VARCHAR",
            "_loaded_at": "TIMESTAMPTZ",
            "_file": "VARCHAR",
        }
    )
    quarantine = [
        {
            "_file": b[0],
            "locator": b[1],
            "payload": b[2],
            "reason": b[3],
            "record_key": None if b[3].startswith(("unparseable", "missing")) else b[4],
        }
        for b in bad
    ]
    con.execute("DROP TABLE IF EXISTS _p; DROP TABLE IF EXISTS _t")
    return Validated(rows=rows, columns=types, quarantine=quarantine)
