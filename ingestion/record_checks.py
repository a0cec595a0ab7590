"""Per-record SQL of a contract: each field's typed value and the quarantine conditions.

Works on the fragments the validator extracts per record: `f[i]` (the JSON of field i),
`t{i}` (its text), `j{i}` (its JSON type) and `v{i}` (its typed value).
"""

from __future__ import annotations

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
)
from ingestion.sqltext import lit

SCALARS = "('VARCHAR','BIGINT','UBIGINT','DOUBLE','BOOLEAN')"


def typed_value(f: Field, i: int) -> str:
    """The raw value of field `f` from its fragment `f[i]`, text `t{i}` and JSON type `j{i}`."""
    if f.type == "JSON":
        return f"CASE WHEN j{i} IS NOT NULL AND j{i} <> 'NULL' THEN f[{i}] END"
    text = f"CASE WHEN j{i} IN {SCALARS} THEN t{i} END"
    return text if f.type == "VARCHAR" else f"TRY_CAST({text} AS {f.type})"


def quarantine_checks(
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
                (f"(j{i} IS NULL OR j{i} = 'NULL'{empty})", lit(f"missing_required: {f.path}"))
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
    today = f"CAST(TIMESTAMPTZ {lit(load_ts)} AS DATE)"
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
    future_ok = contract.extra.get("future_ok", False)
    for f in fields:
        i = idx[f.path]
        for rule in f.rules:
            if rule == ISO_TS:
                cond = f"TRY_CAST(v{i} AS TIMESTAMPTZ) > TIMESTAMPTZ {lit(load_ts)}"
            elif rule == EPOCH_TS:
                cond = f"to_timestamp(v{i}) > TIMESTAMPTZ {lit(load_ts)}"
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
