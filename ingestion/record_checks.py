"""Per-record SQL of a contract: each field's typed value and the quarantine conditions.

Works on the fragments the validator extracts per record: `f[i]` (the JSON of field i),
`t{i}` (its text), `j{i}` (its JSON type) and `v{i}` (its typed value), plus `_deep` (nested
deeper than MAX_DEPTH) and the raw columns (key columns, derived ones included).

Every condition is total: a value that cannot be represented (NaN, an overflow, an epoch out
of range) is a record's `invalid_value` reason, never an error that fails the load.
"""

from __future__ import annotations

from ingestion.contracts import (
    DECIMAL_STR,
    DIGITS,
    EPOCH_TS,
    INT_STR,
    NON_NEGATIVE,
    POSITIVE,
    SF_ID,
    Field,
    TableContract,
)
from ingestion.sqltext import lit
from ingestion.time_checks import (
    NON_FINITE,
    SCALARS,
    TimeWindow,
    format_checks,
    future_checks,
    parts_checks,
)

MAX_DEPTH = 32  # JSON nesting levels a record may have (the record object is level 1)
MS_EPOCH = 10**11  # epoch "seconds" above this are milliseconds (year 5138 in seconds)
MAX_EPOCH = 10**14  # above this an epoch is out of range in seconds and in milliseconds
# Largest magnitude of each numeric kind (DECIMAL_STR is read as DECIMAL(38, 9) downstream).
_LIMIT = {"BIGINT": "9223372036854775807", "DECIMAL(38, 9)": "1e29"}
# SQL over `payload`: JSON strings removed, then everything but brackets.
_BRACKETS = (
    r"""regexp_replace(regexp_replace(payload, '"(?:[^"\\]|\\.)*"', '', 'g'), """
    r"""'[^\[\]{}]', '', 'g')"""
)


def depth_sql(max_depth: int = MAX_DEPTH) -> str:
    """SQL: true when the record's JSON nests deeper than `max_depth` levels.

    Each pass removes the innermost `{}` / `[]` pairs, so the bracket skeleton is empty after
    `max_depth` passes exactly when the record is no deeper. Only records holding more than
    `max_depth` opening brackets are examined.
    """
    skeleton = _BRACKETS
    for _ in range(max_depth):
        skeleton = rf"regexp_replace({skeleton}, '\{{\}}|\[\]', '', 'g')"
    opening = "(strlen(payload) - strlen(replace(replace(payload, '{', ''), '[', '')))"
    return f"CASE WHEN {opening} > {max_depth} THEN {skeleton} <> '' ELSE false END"


def typed_value(f: Field, i: int) -> str:
    """The raw value of field `f` from its fragment `f[i]`, text `t{i}` and JSON type `j{i}`."""
    if f.type == "JSON":
        return f"CASE WHEN j{i} IS NOT NULL AND j{i} <> 'NULL' THEN f[{i}] END"
    text = f"CASE WHEN j{i} IN {SCALARS} THEN t{i} END"
    if f.type == "BOOLEAN":
        # Text booleans (CSV exports) are `true` / `false` only: DuckDB would also read
        # 'yes', 't' or '1' as true; those are a wrong type, not a guess.
        return (
            f"CASE WHEN j{i} = 'VARCHAR' AND lower(trim(t{i})) NOT IN ('true', 'false') "
            f"THEN NULL ELSE TRY_CAST({text} AS BOOLEAN) END"
        )
    return text if f.type == "VARCHAR" else f"TRY_CAST({text} AS {f.type})"


def _numeric_checks(f: Field, i: int) -> list[tuple[str, str]]:
    """`invalid_value` conditions of a number that cannot be represented in its type."""
    integer = f.type == "BIGINT" or INT_STR in f.rules
    if not (integer or f.type == "DOUBLE" or DECIMAL_STR in f.rules):
        return []
    text, num = f"trim(t{i})", f"TRY_CAST(trim(t{i}) AS DOUBLE)"
    scalar = f"j{i} IN ('VARCHAR', 'BIGINT', 'UBIGINT', 'DOUBLE')"
    shown = f"'invalid_value: {f.path}=' || left(t{i}, 80)"
    kind = "BIGINT" if integer else "DECIMAL(38, 9)" if DECIMAL_STR in f.rules else "DOUBLE"
    too_big = f"NOT isfinite({num})"
    if kind in _LIMIT:
        too_big += f" OR abs({num}) > {_LIMIT[kind]}"
    out = [
        (f"{scalar} AND lower({text}) IN {NON_FINITE}", f"{shown} || ' is not a finite number'"),
        (f"{scalar} AND ({too_big})", f"{shown} || ' overflows {kind}'"),
    ]
    if integer:
        # DuckDB casts '1.5' to BIGINT 2: a fraction must be caught, never rounded silently.
        frac = (
            rf"regexp_full_match({text}, '[+-]?[0-9]*\.[0-9]*[1-9][0-9]*') "
            f"OR (regexp_matches({text}, '[eE]') AND {num} <> floor({num}))"
        )
        cond = f"j{i} IN ('VARCHAR', 'DOUBLE') AND ({frac})"
        out.append((cond, f"{shown} || ' is not an integer'"))
    return out


def _epoch_checks(f: Field, i: int) -> list[tuple[str, str]]:
    shown = f"'invalid_value: {f.path}=' || t{i}"
    return [
        (f"v{i} < 0", f"{shown} || ' is negative'"),
        (
            f"v{i} > {MS_EPOCH} AND v{i} <= {MAX_EPOCH}",
            f"{shown} || ' looks like milliseconds'",
        ),
        (f"v{i} > {MAX_EPOCH}", f"{shown} || ' is out of range for epoch seconds'"),
    ]


def _key_checks(contract: TableContract) -> list[tuple[str, str]]:
    """A key column (derived ones included) that is NULL or '' (docs/real-inputs.md §1)."""
    empty_ok = {d.column for d in contract.derived if d.empty_ok}
    out = []
    for col in contract.key:
        empty = "" if col in empty_ok else f" OR {col}::VARCHAR = ''"
        out.append((f"({col} IS NULL{empty})", lit(f"missing_key: {col}")))
    return out


def quarantine_checks(
    contract: TableContract,
    load_ts: str,
    enums: dict[str, tuple[str, ...]],
    window: TimeWindow | None = None,
) -> list[tuple[str, str]]:
    """(condition, reason expression) pairs in quarantine-kind order; the first match wins.

    Time fields are held to `window` (default: from the settings), ingestion/time_checks.py.
    """
    window = window or TimeWindow.from_settings()
    fields = list(contract.fields)
    idx = {f.path: i + 1 for i, f in enumerate(fields)}
    key_cols = set(contract.key)
    out: list[tuple[str, str]] = [
        ("f IS NULL", "'unparseable: not a JSON object'"),
        ("_deep", lit(f"invalid_value: JSON nested deeper than {MAX_DEPTH} levels")),
    ]
    for f in fields:
        i = idx[f.path]
        if f.required:
            empty = f" OR t{i} = ''" if f.column in key_cols else ""
            out.append(
                (f"(j{i} IS NULL OR j{i} = 'NULL'{empty})", lit(f"missing_required: {f.path}"))
            )
    for group in contract.required_any:
        absent = " AND ".join(f"(j{idx[p]} IS NULL OR j{idx[p]} = 'NULL')" for p in group)
        out.append((f"({absent})", lit(f"missing_required: {'|'.join(group)}")))
    for f in fields:
        i = idx[f.path]
        out += _numeric_checks(f, i)
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
    out += _key_checks(contract)
    for f in fields:
        i = idx[f.path]
        if DIGITS in f.rules:
            out.append(
                (
                    f"v{i} IS NOT NULL AND NOT regexp_full_match(v{i}, '[0-9]+')",
                    f"'invalid_value: {f.path}=' || left(t{i}, 80)",
                )
            )
        if SF_ID in f.rules:
            out.append(
                (
                    f"v{i} IS NOT NULL AND NOT regexp_full_match(v{i}, "
                    "'[A-Za-z0-9]{15}|[A-Za-z0-9]{18}')",
                    f"'invalid_value: {f.path}=' || left(t{i}, 80) || ' is not a Salesforce Id'",
                )
            )
        if EPOCH_TS in f.rules:
            out += _epoch_checks(f, i)
        out += format_checks(f, i, window)
    out += parts_checks(contract, window)
    for f in fields:
        i = idx[f.path]
        allowed = f.enum or (enums.get(f.enum_ref) if f.enum_ref else None)
        if allowed:
            values = ", ".join(lit(v) for v in allowed)
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
    out += future_checks(contract, idx, load_ts, window)
    return out
