"""HubSpot CRM v3: objects (list and search), properties, owners, deal pipelines."""

from __future__ import annotations

import json
import re
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from . import auth
from .landing import list_field, read_json, sorted_files, subfolders
from .protocol import (
    ApiError,
    Request,
    Response,
    Vendor,
    decode_cursor,
    encode_cursor,
    int_arg,
    json_response,
)

OBJECTS = ("contacts", "companies", "deals", "calls", "meetings", "emails")
ENGAGEMENTS = ("calls", "meetings", "emails")
LIST_MAX = 100
# HubSpot lowers the page cap when history is requested; clients must follow.
HISTORY_LIST_MAX = 50
SEARCH_MAX = 200
# The search endpoint refuses to page past 10,000 results: incremental loads
# must narrow the filter window instead of paging on.
SEARCH_WINDOW = 10_000
OWNERS_MAX = 500

# What HubSpot returns when a client names no properties.
DEFAULT_PROPERTIES = {
    "contacts": (
        "createdate",
        "email",
        "firstname",
        "hs_object_id",
        "lastmodifieddate",
        "lastname",
    ),
    "companies": ("createdate", "domain", "hs_lastmodifieddate", "hs_object_id", "name"),
    "deals": (
        "amount",
        "closedate",
        "createdate",
        "dealname",
        "dealstage",
        "hs_lastmodifieddate",
        "hs_object_id",
        "pipeline",
    ),
}
ENGAGEMENT_DEFAULTS = ("hs_createdate", "hs_lastmodifieddate", "hs_object_id")


def modified_property(obj: str) -> str:
    return "lastmodifieddate" if obj == "contacts" else "hs_lastmodifieddate"


def always_returned(obj: str) -> tuple[str, ...]:
    created = "hs_createdate" if obj in ENGAGEMENTS else "createdate"
    return ("hs_object_id", created, modified_property(obj))


# --- errors -----------------------------------------------------------------


def error(status: int, category: str, message: str, **extra: Any) -> Response:
    return json_response(
        status,
        {
            "status": "error",
            "message": message,
            "correlationId": str(uuid.uuid4()),
            "category": category,
            **extra,
        },
    )


def bad_request(message: str) -> ApiError:
    return ApiError(error(400, "VALIDATION_ERROR", message))


def authenticate(req: Request) -> Response | None:
    token = req.bearer()
    if token is None:
        return error(
            401,
            "INVALID_AUTHENTICATION",
            "Authentication credentials not found. This API supports OAuth 2.0 "
            "authentication and you can find more details at "
            "https://developers.hubspot.com/docs/methods/auth/oauth-overview",
        )
    if not auth.matches(token, req.ctx.tokens["hubspot"]):
        return error(
            401,
            "INVALID_AUTHENTICATION",
            "The OAuth token used to make this call expired or is invalid.",
        )
    return None


def throttled() -> Response:
    resp = error(
        429,
        "RATE_LIMITS",
        "You have reached your secondly limit.",
        errorType="RATE_LIMIT",
        policyName="SECONDLY",
        groupName="publicapi",
    )
    resp.headers.update(
        {
            "Retry-After": "1",
            "X-HubSpot-RateLimit-Interval-Milliseconds": "10000",
            "X-HubSpot-RateLimit-Remaining": "0",
        }
    )
    return resp


def server_error() -> Response:
    return error(500, "INTERNAL_ERROR", "internal error")


# --- the current state of each object type ----------------------------------


def _id_order(rec: dict) -> tuple:
    rid = str(rec["id"])
    return (0, int(rid), "") if rid.isdigit() else (1, 0, rid)


def current_objects(root: Path, obj: str) -> list[dict]:
    """Every object as HubSpot holds it now: the newest snapshot of each id wins,
    merged-away ids vanish, and records without an id pass through at the end."""
    latest: dict[str, dict] = {}
    without_id: list[dict] = []
    for snapshot in subfolders(root / "hubspot" / obj):
        for page in sorted_files(snapshot, "page-*.json"):
            for rec in list_field(read_json(page), "results"):
                if rec.get("id") is None:
                    without_id.append(rec)
                else:
                    latest[str(rec["id"])] = rec
    merged_away: set[str] = set()
    for rid, rec in latest.items():
        merged = _props(rec).get("hs_merged_object_ids")
        if isinstance(merged, str):
            merged_away.update(m.strip() for m in merged.split(";") if m.strip() and m != rid)
    survivors = [rec for rid, rec in latest.items() if rid not in merged_away]
    return sorted(survivors, key=_id_order) + without_id


def _props(rec: dict) -> dict:
    props = rec.get("properties")
    return props if isinstance(props, dict) else {}


def _objects(req: Request, obj: str) -> list[dict]:
    return req.ctx.store.get(f"hubspot/{obj}", lambda root: current_objects(root, obj))


def _known_properties(req: Request, obj: str) -> list[str]:
    def build(_root: Path) -> list[str]:
        names: dict[str, None] = {}
        for rec in _objects(req, obj):
            names.update(dict.fromkeys(_props(rec)))
        return sorted(names)

    return req.ctx.store.get(f"hubspot/{obj}/properties", build)


def _render(req: Request, obj: str, rec: dict, properties: list[str] | None) -> dict:
    known = set(_known_properties(req, obj))
    wanted = (
        properties if properties is not None else DEFAULT_PROPERTIES.get(obj, ENGAGEMENT_DEFAULTS)
    )
    names = dict.fromkeys([*wanted, *always_returned(obj)])
    props = _props(rec)
    out: dict[str, Any] = {"id": rec.get("id")}
    # Unknown names are dropped silently, as HubSpot does for a typo.
    out["properties"] = {n: props.get(n) for n in names if n in known or n in props}
    for key in ("createdAt", "updatedAt", "archived", "archivedAt"):
        if key in rec:
            out[key] = rec[key]
    return out


# --- GET /crm/v3/objects/{object} -------------------------------------------


def list_objects(req: Request, m: re.Match[str]) -> Response:
    obj = m["object"]
    with_history = req.list_arg("propertiesWithHistory")
    cap = HISTORY_LIST_MAX if with_history else LIST_MAX
    limit = int_arg(req.arg("limit"), 10)
    if limit is None:
        raise bad_request("limit must be a positive integer")
    limit = req.ctx.cap(min(limit, cap))
    start = 0
    if req.arg("after"):
        start = decode_cursor(req.arg("after"), f"hubspot/{obj}")
        if start is None:
            raise bad_request(f"Invalid 'after' cursor: {req.arg('after')}")
    archived = (req.arg("archived") or "false").lower() == "true"
    rows = [r for r in _objects(req, obj) if (r.get("archived") is True) == archived]
    page = rows[start : start + limit]
    properties = req.list_arg("properties")
    associations = req.list_arg("associations")
    results = []
    for rec in page:
        out = _render(req, obj, rec, properties)
        if with_history:
            history = rec.get("propertiesWithHistory")
            history = history if isinstance(history, dict) else {}
            out["propertiesWithHistory"] = {n: history[n] for n in with_history if n in history}
        if associations:
            stored = rec.get("associations")
            stored = stored if isinstance(stored, dict) else {}
            found = {t: stored[t] for t in associations if t in stored}
            if found:
                out["associations"] = found
        results.append(out)
    body: dict[str, Any] = {"results": results}
    end = start + len(page)
    if end < len(rows):
        after = encode_cursor(f"hubspot/{obj}", end)
        body["paging"] = {"next": {"after": after, "link": req.link({"after": after})}}
    return json_response(200, body)


# --- POST /crm/v3/objects/{object}/search -----------------------------------


def _as_number(value: Any) -> float | None:
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
    a, b = _as_number(left), _as_number(right)
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
    props = _props(rec)
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
        number = _as_number(value)
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
    rows = [r for r in _objects(req, obj) if r.get("archived") is not True]
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
        "results": [_render(req, obj, rec, properties or None) for rec in page],
    }
    end = start + len(page)
    if end < len(rows):
        body["paging"] = {"next": {"after": encode_cursor(f"hubspot/{obj}/search", end)}}
    return json_response(200, body)


# --- properties, owners, pipelines ------------------------------------------


def _property_type(values: list[Any]) -> str:
    present = [v for v in values if v not in (None, "")]
    if present and all(isinstance(v, str) and "T" in v and _as_number(v) for v in present):
        return "datetime"
    if present and all(_as_number(v) is not None for v in present):
        return "number"
    return "string"


def list_properties(req: Request, m: re.Match[str]) -> Response:
    obj = m["object"]
    rows = _objects(req, obj)
    results = []
    for name in _known_properties(req, obj):
        kind = _property_type([_props(r).get(name) for r in rows[:200]])
        results.append(
            {
                "name": name,
                "label": name,
                "type": kind,
                "fieldType": "text",
                "groupName": f"{obj[:-1]}information",
                "hidden": False,
                "archived": False,
            }
        )
    return json_response(200, {"results": results})


def _owners(root: Path) -> list[dict]:
    by_id: dict[str, dict] = {}
    for page in sorted_files(root / "hubspot" / "owners", "page-*.json"):
        for rec in list_field(read_json(page), "results"):
            by_id[str(rec.get("id"))] = rec
    return list(by_id.values())


def list_owners(req: Request, m: re.Match[str]) -> Response:
    limit = int_arg(req.arg("limit"), 100)
    if limit is None:
        raise bad_request("limit must be a positive integer")
    limit = req.ctx.cap(min(limit, OWNERS_MAX))
    start = 0
    if req.arg("after"):
        start = decode_cursor(req.arg("after"), "hubspot/owners")
        if start is None:
            raise bad_request(f"Invalid 'after' cursor: {req.arg('after')}")
    archived = (req.arg("archived") or "false").lower() == "true"
    owners = req.ctx.store.get("hubspot/owners", _owners)
    rows = [o for o in owners if (o.get("archived") is True) == archived]
    page = rows[start : start + limit]
    body: dict[str, Any] = {"results": page}
    if start + len(page) < len(rows):
        after = encode_cursor("hubspot/owners", start + len(page))
        body["paging"] = {"next": {"after": after, "link": req.link({"after": after})}}
    return json_response(200, body)


def list_pipelines(req: Request, m: re.Match[str]) -> Response:
    body = read_json(req.ctx.store.root / "hubspot" / "pipelines" / f"{m['object']}.json")
    return json_response(200, body if isinstance(body, dict) else {"results": []})


_OBJ = "(?P<object>" + "|".join(OBJECTS) + ")"
VENDOR = Vendor(
    name="hubspot",
    routes=[
        ("GET", re.compile(rf"^/crm/v3/objects/{_OBJ}/?$"), list_objects),
        ("POST", re.compile(rf"^/crm/v3/objects/{_OBJ}/search/?$"), search_objects),
        ("GET", re.compile(rf"^/crm/v3/properties/{_OBJ}/?$"), list_properties),
        ("GET", re.compile(r"^/crm/v3/owners/?$"), list_owners),
        ("GET", re.compile(r"^/crm/v3/pipelines/(?P<object>deals|tickets)/?$"), list_pipelines),
    ],
    authenticate=authenticate,
    throttled=throttled,
    server_error=server_error,
)
