"""HubSpot CRM objects as HubSpot holds them now, and how one is rendered in a response."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .landing import list_field, read_json, sorted_files, subfolders
from .protocol import Request

OBJECTS = ("contacts", "companies", "deals", "calls", "meetings", "emails")
ENGAGEMENTS = ("calls", "meetings", "emails")
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
        merged = properties_of(rec).get("hs_merged_object_ids")
        if isinstance(merged, str):
            merged_away.update(m.strip() for m in merged.split(";") if m.strip() and m != rid)
    survivors = [rec for rid, rec in latest.items() if rid not in merged_away]
    return sorted(survivors, key=_id_order) + without_id


def properties_of(rec: dict) -> dict:
    props = rec.get("properties")
    return props if isinstance(props, dict) else {}


def objects_of(req: Request, obj: str) -> list[dict]:
    return req.ctx.store.get(f"hubspot/{obj}", lambda root: current_objects(root, obj))


def known_properties(req: Request, obj: str) -> list[str]:
    def build(_root: Path) -> list[str]:
        names: dict[str, None] = {}
        for rec in objects_of(req, obj):
            names.update(dict.fromkeys(properties_of(rec)))
        return sorted(names)

    return req.ctx.store.get(f"hubspot/{obj}/properties", build)


def render(req: Request, obj: str, rec: dict, properties: list[str] | None) -> dict:
    known = set(known_properties(req, obj))
    wanted = (
        properties if properties is not None else DEFAULT_PROPERTIES.get(obj, ENGAGEMENT_DEFAULTS)
    )
    names = dict.fromkeys([*wanted, *always_returned(obj)])
    props = properties_of(rec)
    out: dict[str, Any] = {"id": rec.get("id")}
    # Unknown names are dropped silently, as HubSpot does for a typo.
    out["properties"] = {n: props.get(n) for n in names if n in known or n in props}
    for key in ("createdAt", "updatedAt", "archived", "archivedAt"):
        if key in rec:
            out[key] = rec[key]
    return out
