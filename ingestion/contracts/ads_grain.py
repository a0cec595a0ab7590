"""SQL for the ads raw tables' derived key columns (docs/real-inputs.md §3).

Each expression runs over the record's JSON text `payload` (and `_file`) in the validator,
only for records that parsed as an object (`f IS NOT NULL`). `grain` is every sub-campaign
id and segment present, as `name=value` pairs sorted by name and joined by `|`; `''` for a
campaign- or account-level row. Values never contain `|` (replaced by `/`), so the family
(the names) can be read back from the text.
"""

from __future__ import annotations

from ingestion.sqltext import json_path, lit

# Grain names that are levels of the account hierarchy; every other name is a breakdown.
LEVELS = ("ad", "ad_group", "adset", "creative")


def text_at(path: str) -> str:
    """The non-empty text at a dotted vendor path, else NULL."""
    return f"nullif(json_extract_string(payload, {lit(json_path(path))}), '')"


def first_match(*sources: tuple[str, str]) -> str:
    """The first non-empty capture of `(expression, regex)` pairs, else NULL."""
    parts = [f"nullif(regexp_extract({expr}, {lit(regex)}, 1), '')" for expr, regex in sources]
    return parts[0] if len(parts) == 1 else f"coalesce({', '.join(parts)})"


def _pair(name: str, value: str) -> str:
    return f"{lit(name + '=')} || replace({value}, '|', '/')"


def grain(pairs: list[tuple[str, str]], lists: list[str] | None = None) -> str:
    """`grain` from (name, value-expression) pairs and list expressions of ready pairs."""
    named = ", ".join(f"CASE WHEN ({v}) IS NOT NULL THEN {_pair(n, v)} END" for n, v in pairs)
    parts = f"list_filter([{named}], x -> x IS NOT NULL)"
    for extra in lists or []:
        parts = f"list_concat({parts}, list_filter({extra}, x -> x IS NOT NULL))"
    return f"CASE WHEN f IS NOT NULL THEN array_to_string(list_sort({parts}), '|') END"


def object_pairs(obj: str, skip: tuple[str, ...]) -> str:
    """A list of `snake_name=value` pairs for every key of the object `obj` but `skip`
    (Google `segments`: any segment the query selected)."""
    path = lit(json_path(obj))
    skipped = ", ".join(lit(s) for s in skip)
    value = f"nullif(json_extract_string(payload, {lit(json_path(obj) + '.')} || k), '')"
    name = "lower(regexp_replace(k, '([A-Z])', '_\\1', 'g'))"
    return (
        f"list_transform(list_filter(CASE WHEN json_type(payload, {path}) = 'OBJECT' "
        f"THEN json_keys(payload, {path}) ELSE [] END, k -> k NOT IN ({skipped})), "
        f"k -> CASE WHEN {value} IS NOT NULL THEN {name} || '=' || replace({value}, '|', '/') END)"
    )
