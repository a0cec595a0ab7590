"""Turn a table contract into SQL that types records and sorts out the bad ones.

Input: a DuckDB temp table `recs(_file, locator, payload)` where `payload` is one vendor
record as JSON text (a JSONL line, an element of a page's array, a CSV row as an object, or
an API record). Output: the good records as a parquet file with the raw columns and
lineage (for dlt to import), and the quarantined ones as small dicts.

Why SQL and not Python: at tens of millions of records a per-record Python loop (or dlt's
JSON normalizer) is an order of magnitude slower than DuckDB's vectorised JSON functions.
Each record is parsed once by `json_extract` with the list of all declared paths; the
type and rule checks then work on the small extracted fragments.

A file whose every record lacks a required field becomes one quarantine row (a file problem,
docs/real-inputs.md §1), never an exception. The per-record SQL (typed values, quarantine
conditions) is in ingestion/record_checks.py, the `_extra` column of undeclared fields in
ingestion/schema_drift.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from ingestion.contracts import TableContract
from ingestion.record_checks import depth_sql, quarantine_checks, typed_value
from ingestion.schema_drift import EXTRA, extra_list_sql, extra_sql
from ingestion.sqltext import json_path, lit
from ingestion.time_checks import TimeWindow, window_value

# "Looks like a JSON object". ltrim() scans the whole payload, so it runs only when the first
# character is not already the opening brace (almost never).
_OBJECT_TEXT = "(left(payload, 1) = '{' OR ltrim(payload) LIKE '{%')"


@dataclass
class Validated:
    rows: int
    columns: dict[str, str]  # raw column -> DuckDB type, lineage included
    quarantine: list[dict]


def _present(i: int) -> str:
    return f"count(*) FILTER (WHERE json_type(f[{i}]) IS NOT NULL AND json_type(f[{i}]) <> 'NULL')"


def quarantine_files(
    con: duckdb.DuckDBPyConnection, contract: TableContract, min_records: int
) -> list[dict]:
    """Files in which every record lacks a required field (or a whole `required_any` group).

    That is a file problem, not a record problem (docs/real-inputs.md §1): the file becomes
    one quarantine row naming the field(s) and the file, its records are dropped from `_p`,
    and the other files of the chunk load. A file with fewer than `min_records` parseable
    records is left to the per-record checks (one record says little about an export's shape).
    """
    idx = {f.path: i for i, f in enumerate(contract.fields, 1)}
    groups = [(f.path,) for f in contract.fields if f.required] + list(contract.required_any)
    if not groups:
        return []
    counts = [" + ".join(_present(idx[p]) for p in g) for g in groups]
    rows = con.execute(
        f"SELECT _file, {', '.join(f'({c}) = 0' for c in counts)} FROM _p WHERE f IS NOT NULL "
        f"GROUP BY _file HAVING count(*) >= {min_records} AND "
        f"least({', '.join(counts)}) = 0 ORDER BY _file"
    ).fetchall()
    out = []
    for row in rows:
        missing = ", ".join("|".join(g) for g, lacks in zip(groups, row[1:], strict=True) if lacks)
        reason = (
            f"file_missing_required: {missing} missing from every record of {row[0]} "
            f"({contract.name})"
        )
        out.append({"_file": row[0], "locator": "", "payload": "", "reason": reason})
    if out:
        con.execute(
            "DELETE FROM _p WHERE _file IN (" + ", ".join(lit(q["_file"]) for q in out) + ")"
        )
    return [{**q, "record_key": None} for q in out]


def validate(
    con: duckdb.DuckDBPyConnection,
    contract: TableContract,
    *,
    out: Path,
    lineage: dict[str, str],
    load_ts: str,
    min_records_for_schema: int = 2,
    enums: dict[str, tuple[str, ...]] | None = None,
    window: TimeWindow | None = None,
) -> Validated:
    """Validate `recs` against `contract`; write good rows to `out` (parquet).

    `window`: the time window of timestamps and dates (default: from the settings).
    """
    fields = list(contract.fields)
    paths = "[" + ", ".join(lit(json_path(f.path)) for f in fields) + "]"
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _p AS SELECT _file, locator, payload, "
        f"CASE WHEN {_OBJECT_TEXT} THEN try(json_extract(payload, {paths})) END AS f "
        "FROM recs"
    )
    file_rows = quarantine_files(con, contract, min_records_for_schema)

    n = len(fields)
    frag = [f"f[{i}]->>'$' AS t{i}, json_type(f[{i}]) AS j{i}" for i in range(1, n + 1)]
    typed = [f"{typed_value(f, i)} AS v{i}" for i, f in enumerate(fields, 1)]
    # Time fields parsed once, shared by the window checks (ingestion/time_checks.py).
    typed += [f"{w} AS w{i}" for i, f in enumerate(fields, 1) if (w := window_value(f, i))]
    frag.append(f"CASE WHEN f IS NOT NULL THEN {depth_sql()} END AS _deep")
    frag.append(f"CASE WHEN f IS NOT NULL THEN {extra_list_sql(contract)} END AS _xl")
    derived = [f"CASE WHEN f IS NOT NULL THEN {d.sql} END AS {d.column}" for d in contract.derived]
    flat_names = [f"v{i} AS {f.column}" for i, f in enumerate(fields, 1) if f.output]
    flat_names.append(f"{extra_sql('_xl')} AS {EXTRA}")
    checks = quarantine_checks(contract, load_ts, enums or {}, window)
    reason = "CASE " + " ".join(f"WHEN {c} THEN {r}" for c, r in checks) + " END"
    key_text = " || '|' || ".join(f"coalesce({k}::VARCHAR, '')" for k in contract.key)
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _t AS
        WITH a AS (SELECT _file, locator, payload, f, {", ".join(frag)} FROM _p),
             b AS (SELECT *, {", ".join(typed + derived)} FROM a),
             c AS (SELECT *, {", ".join(flat_names)} FROM b)
        SELECT *, {reason} AS _reason, {key_text} AS _key FROM c""")
    out_cols = (
        [f.column for f in fields if f.output] + [d.column for d in contract.derived] + [EXTRA]
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
    types[EXTRA] = "JSON"
    types.update(
        {
            "_source": "VARCHAR",
            "_batch_id": "VARCHAR",
            "_loaded_at": "TIMESTAMPTZ",
            "_file": "VARCHAR",
        }
    )
    quarantine = file_rows + [
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
