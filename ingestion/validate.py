"""Turn a table contract into SQL that types records and sorts out the bad ones.

Input: a DuckDB temp table `recs(_file, locator, payload)` where `payload` is one vendor
record as JSON text (a JSONL line, an element of a page's array, a CSV row as an object, or
an API record). Output: the good records as a parquet file with the raw columns and
lineage (for dlt to import), and the quarantined ones as small dicts.

Why SQL and not Python: at tens of millions of records a per-record Python loop (or dlt's
JSON normalizer) is an order of magnitude slower than DuckDB's vectorised JSON functions.
Each record is parsed once by `json_extract` with the list of all declared paths; the
type and rule checks then work on the small extracted fragments.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from ingestion.contracts import (
    DATE,
    DECIMAL_STR,
    DIGITS,
    EPOCH_TS,
    INT_STR,
    ISO_TS,
    NON_NEGATIVE,
    POSITIVE,
    Field,
    TableContract,
    column_name,
)

SCALARS = "('VARCHAR','BIGINT','UBIGINT','DOUBLE','BOOLEAN')"
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


def _lit(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _path(path: str) -> str:
    return "$." + ".".join('"' + p.replace('"', '\\"') + '"' for p in path.split("."))


def _typed(f: Field, i: int) -> str:
    """The raw value of field `f` from its fragment `f[i]`, text `t{i}` and JSON type `j{i}`."""
    if f.type == "JSON":
        return f"CASE WHEN j{i} IS NOT NULL AND j{i} <> 'NULL' THEN f[{i}] END"
    text = f"CASE WHEN j{i} IN {SCALARS} THEN t{i} END"
    return text if f.type == "VARCHAR" else f"TRY_CAST({text} AS {f.type})"


def _checks(
    contract: TableContract, load_ts: str, enums: dict[str, tuple[str, ...]]
) -> list[tuple[str, str]]:
    """(condition, reason expression) pairs in quarantine-kind order; the first match wins."""
    fields = list(contract.fields)
    idx = {f.path: i + 1 for i, f in enumerate(fields)}
    key_cols = set(contract.key)
    out: list[tuple[str, str]] = [("f IS NULL", "'unparseable: not a JSON object'")]
    for f in fields:
        i = idx[f.path]
        if f.required:
            empty = f" OR t{i} = ''" if f.column in key_cols else ""
            out.append(
                (f"(j{i} IS NULL OR j{i} = 'NULL'{empty})", _lit(f"missing_required: {f.path}"))
            )
    for f in fields:
        i = idx[f.path]
        if f.type == "JSON":
            if f.shape:
                cond = f"j{i} NOT IN ('NULL', '{f.shape}')"
                out.append((cond, f"'wrong_type: {f.path} is ' || j{i}"))
        else:
            cond = f"j{i} IS NOT NULL AND j{i} <> 'NULL' AND v{i} IS NULL"
            out.append((cond, f"'wrong_type: {f.path}=' || left(t{i}, 80)"))
        # Numbers the vendor sends as strings are still numbers: "n/a" is a wrong type.
        for rule, cast in ((INT_STR, "BIGINT"), (DECIMAL_STR, "DECIMAL(38, 9)")):
            if rule in f.rules:
                out.append(
                    (
                        f"v{i} IS NOT NULL AND TRY_CAST(trim(v{i}::VARCHAR) AS {cast}) IS NULL",
                        f"'wrong_type: {f.path}=' || left(t{i}, 80)",
                    )
                )
    today = f"CAST(TIMESTAMPTZ {_lit(load_ts)} AS DATE)"
    for f in fields:
        i = idx[f.path]
        txt = f"left(t{i}, 80)"
        for rule in f.rules:
            if rule == DIGITS:
                out.append(
                    (
                        f"v{i} IS NOT NULL AND NOT regexp_full_match(v{i}, '[0-9]+')",
                        f"'invalid_value: {f.path}=' || {txt}",
                    )
                )
            elif rule == ISO_TS:
                out.append(
                    (
                        f"v{i} IS NOT NULL AND TRY_CAST(v{i} AS TIMESTAMPTZ) IS NULL",
                        f"'invalid_value: {f.path}=' || {txt}",
                    )
                )
            elif rule == DATE:
                out.append(
                    (
                        f"v{i} IS NOT NULL AND TRY_CAST(v{i} AS DATE) IS NULL",
                        f"'invalid_value: {f.path}=' || {txt}",
                    )
                )
    parts = contract.extra.get("date_parts")
    if parts:
        ymd = ", ".join(f"TRY_CAST({parts}__{p} AS BIGINT)" for p in ("year", "month", "day"))
        out.append((f"try(make_date({ymd})) IS NULL", f"'invalid_value: {parts} is not a date'"))
    for f in fields:
        i = idx[f.path]
        allowed = f.enum or (enums.get(f.enum_ref) if f.enum_ref else None)
        if allowed:
            values = ", ".join(_lit(v) for v in allowed)
            out.append(
                (
                    f"v{i} IS NOT NULL AND v{i} NOT IN ({values})",
                    f"'unknown_enum: {f.path}=' || left(t{i}, 80)",
                )
            )
    for f in fields:
        i = idx[f.path]
        if NON_NEGATIVE in f.rules:
            out.append((f"TRY_CAST(v{i} AS DOUBLE) < 0", f"'negative_value: {f.path}=' || t{i}"))
        if POSITIVE in f.rules:
            out.append((f"TRY_CAST(v{i} AS DOUBLE) <= 0", f"'negative_value: {f.path}=' || t{i}"))
    future_ok = contract.extra.get("future_ok", False)
    for f in fields:
        i = idx[f.path]
        for rule in f.rules:
            if rule == ISO_TS:
                cond = f"TRY_CAST(v{i} AS TIMESTAMPTZ) > TIMESTAMPTZ {_lit(load_ts)}"
            elif rule == EPOCH_TS:
                cond = f"to_timestamp(v{i}) > TIMESTAMPTZ {_lit(load_ts)}"
            elif rule == DATE and not future_ok:
                cond = f"TRY_CAST(v{i} AS DATE) > {today}"
            else:
                continue
            out.append((cond, f"'future_timestamp: {f.path}=' || t{i}"))
    if parts and not future_ok:
        ymd = ", ".join(f"TRY_CAST({parts}__{p} AS BIGINT)" for p in ("year", "month", "day"))
        out.append(
            (
                f"try(make_date({ymd})) > {today}",
                f"'future_timestamp: {parts}=' || try(make_date({ymd}))::VARCHAR",
            )
        )
    return out


def _extra_type(kinds: list[str]) -> str:
    kinds = sorted(set(kinds) - {"NULL"})
    if not kinds or kinds == ["VARCHAR"]:
        return "VARCHAR"
    if set(kinds) <= {"BIGINT", "UBIGINT"}:
        return "BIGINT"
    if set(kinds) <= {"BIGINT", "UBIGINT", "DOUBLE"}:
        return "DOUBLE"
    if kinds == ["BOOLEAN"]:
        return "BOOLEAN"
    return "JSON"


def _discover_extras(con: duckdb.DuckDBPyConnection, contract: TableContract) -> list[Field]:
    """Fields present in the records but not in the contract (schema drift flows through)."""
    known_top = {f.path.split(".")[0] for f in contract.fields}
    known_sub = {
        ".".join(f.path.split(".")[:2])
        for f in contract.fields
        if f.path.split(".")[0] in contract.flatten
    }
    selects = ["SELECT DISTINCT unnest(json_keys(payload)) AS k FROM _p WHERE f IS NOT NULL"]
    for obj in contract.flatten:
        selects.append(
            f"SELECT DISTINCT {_lit(obj + '.')} || unnest(json_keys(payload, {_lit(_path(obj))})) "
            f"FROM _p WHERE f IS NOT NULL AND json_type(payload, {_lit(_path(obj))}) = 'OBJECT'"
        )
    keys = {r[0] for r in con.execute(" UNION ".join(selects)).fetchall()}
    flat = set(contract.flatten)
    extras = sorted(
        k
        for k in keys
        if ("." in k and k not in known_sub)
        or ("." not in k and k not in known_top and k not in flat)
    )
    if not extras:
        return []
    known_cols = {f.column for f in contract.fields} | {d.column for d in contract.derived}
    extras = [k for k in extras if column_name(k) not in known_cols and not k.startswith("_")]
    if not extras:
        return []
    paths = "[" + ", ".join(_lit(_path(k)) for k in extras) + "]"
    aggs = ", ".join(f"list(DISTINCT json_type(e[{i + 1}]))" for i in range(len(extras)))
    kinds = con.execute(
        f"SELECT {aggs} FROM (SELECT json_extract(payload, {paths}) AS e "
        f"FROM _p WHERE f IS NOT NULL)"
    ).fetchone()
    return [
        Field(k, _extra_type([x for x in kind or [] if x]))
        for k, kind in zip(extras, kinds, strict=True)
    ]


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
    paths = "[" + ", ".join(_lit(_path(f.path)) for f in fields) + "]"
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _p AS SELECT _file, locator, payload, "
        f"CASE WHEN {_OBJECT_TEXT} THEN try(json_extract(payload, {paths})) END AS f "
        "FROM recs"
    )
    check_required_columns(con, contract, min_records_for_schema)
    extras = _discover_extras(con, contract)

    n = len(fields)
    frag = [f"f[{i}]->>'$' AS t{i}, json_type(f[{i}]) AS j{i}" for i in range(1, n + 1)]
    typed = [f"{_typed(f, i)} AS v{i}" for i, f in enumerate(fields, 1)]
    derived = [f"{d.sql} AS {d.column}" for d in contract.derived]
    flat_names = [f"v{i} AS {f.column}" for i, f in enumerate(fields, 1) if f.output]
    extra_sql = []
    if extras:
        epaths = "[" + ", ".join(_lit(_path(x.path)) for x in extras) + "]"
        frag.append(f"CASE WHEN f IS NOT NULL THEN try(json_extract(payload, {epaths})) END AS e")
        for k, x in enumerate(extras, 1):
            val = f"e[{k}]" if x.type == "JSON" else f"TRY_CAST(e[{k}]->>'$' AS {x.type})"
            extra_sql.append(f"CASE WHEN json_type(e[{k}]) <> 'NULL' THEN {val} END AS {x.column}")
    checks = _checks(contract, load_ts, enums or {})
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
        f"{_lit(lineage['_source'])} AS _source, {_lit(lineage['_batch_id'])} AS _batch_id, "
        f"TIMESTAMPTZ {_lit(lineage['_loaded_at'])} AS _loaded_at, _file"
    )
    select = f"SELECT {', '.join(out_cols)}, {lin} FROM _t WHERE _reason IS NULL"
    rows = con.execute(
        f"COPY ({select}) TO {_lit(str(out))} (FORMAT parquet, "
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
