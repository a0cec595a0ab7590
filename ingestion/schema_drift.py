"""Schema drift: vendor fields present in the records but not declared in the contract.

They flow through as extra raw columns, typed from the JSON types seen.
"""

from __future__ import annotations

import duckdb

from ingestion.contracts import Field, TableContract, column_name
from ingestion.sqltext import json_path, lit


def extra_type(kinds: list[str]) -> str:
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


def discover_extras(con: duckdb.DuckDBPyConnection, contract: TableContract) -> list[Field]:
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
            f"SELECT DISTINCT {lit(obj + '.')} || "
            f"unnest(json_keys(payload, {lit(json_path(obj))})) "
            f"FROM _p WHERE f IS NOT NULL AND json_type(payload, {lit(json_path(obj))}) = 'OBJECT'"
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
    paths = "[" + ", ".join(lit(json_path(k)) for k in extras) + "]"
    aggs = ", ".join(f"list(DISTINCT json_type(e[{i + 1}]))" for i in range(len(extras)))
    kinds = con.execute(
        f"SELECT {aggs} FROM (SELECT json_extract(payload, {paths}) AS e "
        f"FROM _p WHERE f IS NOT NULL)"
    ).fetchone()
    return [
        Field(k, extra_type([x for x in kind or [] if x]))
        for k, kind in zip(extras, kinds, strict=True)
    ]
