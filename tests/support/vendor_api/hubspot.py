"""HubSpot CRM v3: objects (list and search), properties, owners, deal pipelines.

Errors are in hubspot_errors.py, the objects' current state in hubspot_objects.py, search in
hubspot_search.py.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .hubspot_errors import authenticate, bad_request, server_error, throttled
from .hubspot_objects import OBJECTS, known_properties, objects_of, properties_of, render
from .hubspot_search import as_number, search_objects
from .landing import list_field, read_json, sorted_files
from .protocol import (
    Request,
    Response,
    Vendor,
    decode_cursor,
    encode_cursor,
    int_arg,
    json_response,
)

LIST_MAX = 100
# HubSpot lowers the page cap when history is requested; clients must follow.
HISTORY_LIST_MAX = 50
OWNERS_MAX = 500


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
    rows = [r for r in objects_of(req, obj) if (r.get("archived") is True) == archived]
    page = rows[start : start + limit]
    properties = req.list_arg("properties")
    associations = req.list_arg("associations")
    results = []
    for rec in page:
        out = render(req, obj, rec, properties)
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


# --- properties, owners, pipelines ------------------------------------------


def _property_type(values: list[Any]) -> str:
    present = [v for v in values if v not in (None, "")]
    if present and all(isinstance(v, str) and "T" in v and as_number(v) for v in present):
        return "datetime"
    if present and all(as_number(v) is not None for v in present):
        return "number"
    return "string"


def list_properties(req: Request, m: re.Match[str]) -> Response:
    obj = m["object"]
    rows = objects_of(req, obj)
    results = []
    for name in known_properties(req, obj):
        kind = _property_type([properties_of(r).get(name) for r in rows[:200]])
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
