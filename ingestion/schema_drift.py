"""Undeclared fields: vendor fields present in a record but not in its contract.

They are kept in one JSON column per record, `_extra` (docs/real-inputs.md §2): an object of
the record's undeclared top-level fields, and for a flattened object `obj` its undeclared
sub-fields as `"obj.sub"`. Values keep their JSON text and type; `_extra` is NULL when the
record has nothing undeclared. The raw schema therefore never grows with the input.
"""

from __future__ import annotations

from ingestion.contracts import TableContract
from ingestion.sqltext import lit

EXTRA = "_extra"


def _list(values: set[str]) -> str:
    return "[" + ", ".join(lit(v) for v in sorted(values)) + "]::VARCHAR[]"


# SQL: the JSON path step of member `k`, quoted (a name may hold dots or quotes).
_STEP = r"""'."' || replace(k, '"', '\"') || '"'"""


def _members(obj_path: str, known: set[str], prefix: str) -> str:
    """SQL list of `"name":value` texts of the undeclared members of the object at `obj_path`."""
    keys = "json_keys(payload)" if obj_path == "$" else f"json_keys(payload, {lit(obj_path)})"
    return (
        f"list_transform(list_filter(coalesce({keys}, []), "
        f"k -> NOT list_contains({_list(known)}, k)), "
        f"k -> to_json({lit(prefix)} || k)::VARCHAR || ':' || "
        f"json_extract(payload, {lit(obj_path)} || {_STEP})::VARCHAR)"
    )


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '\\"') + '"'


def extra_list_sql(contract: TableContract) -> str:
    """SQL (over `payload`, an object) of the list of the record's undeclared members."""
    known_top = {f.path.split(".")[0] for f in contract.fields}
    parts = [_members("$", known_top, "")]
    for obj in contract.flatten:
        subs = {f.path.split(".")[1] for f in contract.fields if f.path.split(".")[0] == obj}
        parts.append(_members(f"$.{_quoted(obj)}", subs, f"{obj}."))
    return parts[0] if len(parts) == 1 else f"list_concat({', '.join(parts)})"


def extra_sql(members: str) -> str:
    """The `_extra` JSON object from the column `members` holding `extra_list_sql`."""
    text = f"'{{' || array_to_string({members}, ',') || '}}'"
    return f"CASE WHEN len({members}) > 0 THEN ({text})::JSON END"
