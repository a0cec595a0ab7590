"""HubSpot CRM v3 readers: owners, deal pipelines and the six object types.

Full load: the list endpoint with every property (names from GET /crm/v3/properties/{object},
since HubSpot otherwise returns only a few defaults), the history of the properties staging
needs, and the associations. Incremental load: the search endpoint finds the objects modified
after the stored high-water mark. HubSpot's search returns neither `propertiesWithHistory` nor
associations, and a row without them would replace a complete one in raw, so when something
changed the modified objects are taken from the list endpoint (filtered to the ids the search
found); when nothing changed, no list page is read at all.
TODO(scale): read modified objects with POST /crm/v3/objects/{object}/batch/read (history)
and the v4 associations batch API instead of re-listing (not served by the test fake).

The API serves the current state: merged-away and archived objects are not listed, while the
landing snapshots still hold them, so the API path can have fewer rows than the files path.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

from dlt.sources.helpers.rest_client.paginators import (
    JSONResponseCursorPaginator,
    SinglePagePaginator,
)

from ingestion.api.client import get_json, page_label, rest_client, secret
from ingestion.api.provider import Page
from ingestion.config import VendorConfig
from ingestion.enums import deal_stages_from_pipelines

HISTORY = {
    "contacts": (
        "lifecyclestage",
        "hs_lead_status",
        "hubspot_owner_id",
        "hubspot_owner_assigneddate",
        "disqualification_reason",
    ),
    "companies": ("lifecyclestage",),
    "deals": ("dealstage", "amount", "closedate"),
}
ASSOCIATIONS = {
    "contacts": ("companies",),
    "companies": ("contacts",),
    "deals": ("contacts", "companies"),
    "calls": ("contacts", "deals"),
    "meetings": ("contacts", "deals"),
    "emails": ("contacts", "deals"),
}
LIST_LIMIT = 100
SEARCH_LIMIT = 200
SEARCH_WINDOW = 10_000  # HubSpot refuses to page a search past this many results


def _client(vendor: VendorConfig):
    return rest_client(vendor, secret(vendor, "access_token"))


def _cursor(body_path: str | None = None) -> JSONResponseCursorPaginator:
    if body_path:
        return JSONResponseCursorPaginator(
            cursor_path="paging.next.after", cursor_body_path=body_path
        )
    return JSONResponseCursorPaginator(cursor_path="paging.next.after", cursor_param="after")


def modified_property(obj: str) -> str:
    return "lastmodifieddate" if obj == "contacts" else "hs_lastmodifieddate"


def _modified(rec: dict, obj: str) -> str | None:
    props = rec.get("properties") if isinstance(rec.get("properties"), dict) else {}
    value = props.get(modified_property(obj)) or rec.get("updatedAt")
    return value if isinstance(value, str) else None


def _instant(value: str) -> datetime | None:
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def property_names(client, obj: str) -> list[str]:
    body = get_json(client, f"/crm/v3/properties/{obj}")
    return sorted(
        {
            p["name"]
            for p in body.get("results", [])
            if isinstance(p, dict) and p.get("name") and not p.get("archived")
        }
    )


def modified_ids(client, obj: str, since: str) -> set[str]:
    """Ids of the objects modified after `since`, narrowing the filter at the search window."""
    prop = modified_property(obj)
    bound, op, ids = since, "GT", set()
    while True:
        millis = int(_instant(bound).timestamp() * 1000)
        body = {
            "filterGroups": [
                {"filters": [{"propertyName": prop, "operator": op, "value": str(millis)}]}
            ],
            "sorts": [{"propertyName": prop, "direction": "ASCENDING"}],
            "properties": [prop],
            "limit": SEARCH_LIMIT,
        }
        read, last, full = 0, None, False
        for page in client.paginate(
            f"/crm/v3/objects/{obj}/search",
            method="POST",
            json=body,
            paginator=_cursor("after"),
            data_selector="results",
        ):
            ids.update(str(r["id"]) for r in page if r.get("id") is not None)
            read += len(page)
            last = next((_modified(r, obj) for r in reversed(page) if _modified(r, obj)), last)
            if read + SEARCH_LIMIT > SEARCH_WINDOW:
                full = True
                break
        if not full:
            return ids
        if last is None or last == bound:
            raise RuntimeError(
                f"HubSpot {obj}: more than {SEARCH_WINDOW} objects modified at "
                f"{bound}; cannot narrow the search window"
            )
        bound, op = last, "GTE"  # ties at the boundary are read twice; ids are a set


def objects(obj: str):
    hwm_key = f"hwm:{obj}"

    def read(vendor: VendorConfig, state: dict, updates: dict) -> Iterator[Page]:
        client = _client(vendor)
        hwm = state.get(hwm_key)
        wanted: set[str] | None = None
        if hwm:
            wanted = modified_ids(client, obj, hwm)
            if not wanted:
                updates[hwm_key] = hwm
                return
        params = {
            "limit": LIST_LIMIT,
            "archived": "false",
            "properties": ",".join(property_names(client, obj)),
            "associations": ",".join(ASSOCIATIONS[obj]),
        }
        if obj in HISTORY:
            params["propertiesWithHistory"] = ",".join(HISTORY[obj])
        now = datetime.now(UTC)
        newest = _instant(hwm) if hwm else None
        for page in client.paginate(
            f"/crm/v3/objects/{obj}", params=params, paginator=_cursor(), data_selector="results"
        ):
            records = [
                (i, r) for i, r in enumerate(page) if wanted is None or str(r.get("id")) in wanted
            ]
            for _, rec in records:
                when = _instant(_modified(rec, obj) or "")
                # A record dated in the future is quarantined; it must not move the mark.
                if when and when <= now and (newest is None or when > newest):
                    newest = when
            if records:
                yield Page(page_label(page), "results", records)
        if newest:
            updates[hwm_key] = newest.isoformat().replace("+00:00", "Z")

    return read


def owners(vendor: VendorConfig, state: dict, updates: dict) -> Iterator[Page]:
    client = _client(vendor)
    for page in client.paginate(
        "/crm/v3/owners",
        params={"limit": 500, "archived": "false"},
        paginator=_cursor(),
        data_selector="results",
    ):
        yield Page(page_label(page), "results", list(enumerate(page)))


def deal_pipelines(vendor: VendorConfig, state: dict, updates: dict) -> Iterator[Page]:
    client = _client(vendor)
    for page in client.paginate(
        "/crm/v3/pipelines/deals", paginator=SinglePagePaginator(), data_selector="results"
    ):
        yield Page(page_label(page), "results", list(enumerate(page)))


def deal_stages(vendor: VendorConfig) -> tuple[str, ...] | None:
    body = get_json(_client(vendor), "/crm/v3/pipelines/deals")
    return deal_stages_from_pipelines(body.get("results") or []) or None


READERS = {f"hubspot__{o}": objects(o) for o in ASSOCIATIONS}
READERS.update({"hubspot__owners": owners, "hubspot__deal_pipelines": deal_pipelines})
ENUMS = {"hubspot_deal_stages": deal_stages}
