"""HubSpot CRM search: POST /crm/v3/objects/{object}/search with filters, sorts, paging."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import Any

from .hubspot_errors import bad_request
from .hubspot_objects import objects_of, properties_of, render
from .protocol import Request, Response, decode_cursor, encode_cursor, json_response

SEARCH_MAX = 200
# The search endpoint refuses to page past 10,000 results: incremental loads
# must narrow the filter window instead of paging on.
SEARCH_WINDOW = 10_000


def as_number(value: Any) -> float | None:
    """Numbers and instants both compare as numbers: HubSpot accepts epoch
    millis or ISO strings for date filters, and stores dates as ISO strings."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip()
    try:
        return float(text)
    except ValueError:
        pass
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.timestamp() * 1000


def _compare(left: Any, right: Any) -> int | None:
    a, b = as_number(left), as_number(right)
    if a is None or b is None:
        if left is None or right is None:
            return None
        a, b = str(left).casefold(), str(right).casefold()  # type: ignore[assignment]
    return (a > b) - (a < b)


ALIASES = {
    "lastmodifieddate": ("hs_lastmodifieddate", "updatedAt"),
    "hs_lastmodifieddate": ("lastmodifieddate", "updatedAt"),
    "createdate": ("hs_createdate", "createdAt"),
    "hs_createdate": ("createdate", "createdAt"),
    "hs_object_id": ("id",),
}


def _value(rec: dict, name: str) -> Any:
    props = properties_of(rec)
    if props.get(name) is not None:
        return props[name]
    for alias in ALIASES.get(name, ()):
        value = props.get(alias, rec.get(alias))
        if value is not None:
            return value
    return None


def _matches(rec: dict, flt: dict) -> bool:
    op = str(flt.get("operator", "EQ")).upper()
    value = _value(rec, str(flt.get("propertyName")))
    if op == "HAS_PROPERTY":
        return value is not None
    if op == "NOT_HAS_PROPERTY":
        return value is None
    if op in ("IN", "NOT_IN"):
        found = any(_compare(value, v) == 0 for v in flt.get("values") or [])
        return found if op == "IN" else not found
    if op == "BETWEEN":
        low, high = _compare(value, flt.get("value")), _compare(value, flt.get("highValue"))
        return low is not None and high is not None and low >= 0 and high <= 0
    if op == "CONTAINS_TOKEN":
        return value is not None and str(flt.get("value", "")).casefold() in str(value).casefold()
    cmp = _compare(value, flt.get("value"))
    tests = {
        "EQ": lambda c: c == 0,
        "NEQ": lambda c: c != 0,
        "LT": lambda c: c < 0,
        "LTE": lambda c: c <= 0,
        "GT": lambda c: c > 0,
        "GTE": lambda c: c >= 0,
    }
    if op not in tests:
        raise bad_request(f"Unsupported filter operator {op}")
    if cmp is None:
        return op == "NEQ"
    return tests[op](cmp)


def _sort_key(name: str):
    def key(rec: dict) -> tuple:
        value = _value(rec, name)
        number = as_number(value)
        if number is not None:
            return (0, number, "")
        return (1 if value is not None else 2, 0.0, str(value or ""))

    return key


def search_objects(req: Request, m: re.Match[str]) -> Response:
    obj = m["object"]
    try:
        query = json.loads(req.body or b"{}")
    except ValueError:
        raise bad_request("Invalid input JSON on line 1") from None
    if not isinstance(query, dict):
        raise bad_request("Invalid input JSON: expected an object")
    limit = query.get("limit", 10)
    if not isinstance(limit, int) or not 0 < limit <= SEARCH_MAX:
        raise bad_request(f"limit must be between 1 and {SEARCH_MAX}")
    start = 0
    if query.get("after") not in (None, ""):
        start = decode_cursor(str(query["after"]), f"hubspot/{obj}/search")
        if start is None:
            raise bad_request(f"Invalid 'after' cursor: {query['after']}")
    if start >= SEARCH_WINDOW:
        raise bad_request(f"Search results are limited to {SEARCH_WINDOW} records")
    groups = query.get("filterGroups") or []
    rows = [r for r in objects_of(req, obj) if r.get("archived") is not True]
    if groups:
        rows = [
            r
            for r in rows
            if any(all(_matches(r, f) for f in (g.get("filters") or [])) for g in groups)
        ]
    for sort in reversed(query.get("sorts") or []):
        if isinstance(sort, str):
            name, descending = sort.lstrip("-"), sort.startswith("-")
        else:
            name = str(sort.get("propertyName"))
            descending = str(sort.get("direction", "ASCENDING")).upper() == "DESCENDING"
        rows = sorted(rows, key=_sort_key(name), reverse=descending)
    page = rows[start : start + req.ctx.cap(limit)]
    properties = query.get("properties")
    if isinstance(properties, str):
        properties = [p.strip() for p in properties.split(",") if p.strip()]
    body: dict[str, Any] = {
        "total": len(rows),
        "results": [render(req, obj, rec, properties or None) for rec in page],
    }
    end = start + len(page)
    if end < len(rows):
        body["paging"] = {"next": {"after": encode_cursor(f"hubspot/{obj}/search", end)}}
    return json_response(200, body)
