"""HubSpot CRM v3 through the fake: current state, paging, search, metadata."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.support.vendor_api import serve

from .client import get, post
from .expected import hubspot_current


def _auth(api) -> dict[str, str]:
    return {"Authorization": f"Bearer {api.tokens['hubspot']}"}


def _page_through(api, url: str) -> tuple[list[dict], int]:
    results, pages = [], 0
    while url:
        reply = get(url, _auth(api))
        assert reply.status == 200, reply.body
        body = reply.json()
        results += body["results"]
        pages += 1
        url = body.get("paging", {}).get("next", {}).get("link")
        if url:
            assert url.startswith(api.base_url), "next.link must point back at this server"
    return results, pages


def test_contacts_paging_serves_every_current_contact_once(landing):
    expected = hubspot_current(landing, "contacts")
    limit = 7 if len(expected) < 100 else 100
    with serve(landing) as api:
        results, pages = _page_through(
            api, f"{api.base_url}/crm/v3/objects/contacts?limit={limit}&archived=false"
        )
    ids = [r["id"] for r in results if r.get("id") is not None]
    assert len(ids) == len(set(ids))
    assert set(ids) == set(expected)
    assert pages == -(-len(results) // limit)
    assert ids == sorted(ids, key=int), "stable order by id"


def test_contacts_current_state_on_handmade_folder(handmade_landing):
    fields = "lifecyclestage,hs_merged_object_ids"
    with serve(handmade_landing, page_size=5) as api:
        results, _ = _page_through(
            api, f"{api.base_url}/crm/v3/objects/contacts?limit=100&properties={fields}"
        )
    by_id = {r["id"]: r for r in results}
    # 2 and 4 were merged into 1; 31 is archived; 5's update sits in a truncated file.
    assert {"2", "4", "31"}.isdisjoint(by_id)
    assert by_id["1"]["properties"]["hs_merged_object_ids"] == "2;4"
    assert by_id["5"]["properties"]["lifecyclestage"] == "lead"
    assert by_id["10"]["properties"]["lifecyclestage"] == "opportunity"
    assert len(by_id) == 28  # 1..30 less the two merged away


def test_history_and_associations_only_when_asked(handmade_landing):
    with serve(handmade_landing) as api:
        url = f"{api.base_url}/crm/v3/objects/contacts?limit=3"
        plain = get(url, _auth(api)).json()["results"][0]
        rich = get(
            url + "&properties=email&propertiesWithHistory=lifecyclestage,email"
            "&associations=companies,deals",
            _auth(api),
        ).json()["results"][0]
    assert "propertiesWithHistory" not in plain and "associations" not in plain
    # Without `properties` HubSpot returns its small default set only.
    assert set(plain["properties"]) == {
        "createdate",
        "email",
        "firstname",
        "hs_object_id",
        "lastmodifieddate",
        "lastname",
    }
    assert set(rich["properties"]) == {"email", "createdate", "hs_object_id", "lastmodifieddate"}
    assert list(rich["propertiesWithHistory"]) == ["lifecyclestage"]
    assert rich["propertiesWithHistory"]["lifecyclestage"][0]["value"] == "marketingqualifiedlead"
    assert list(rich["associations"]) == ["companies"]


def _millis(iso: str) -> int:
    return int(datetime.fromisoformat(iso).replace(tzinfo=UTC).timestamp() * 1000)


@pytest.mark.parametrize(
    "operator,value", [("GT", _millis("2025-02-05T10:00:00")), ("GTE", "2025-02-05T10:00:00.000Z")]
)
def test_search_filters_by_lastmodifieddate(handmade_landing, operator, value):
    expected = {
        i
        for i, r in hubspot_current(handmade_landing, "contacts").items()
        if r["properties"]["lastmodifieddate"] > "2025-02-05T10:00:00.000Z"
        or (operator == "GTE" and r["properties"]["lastmodifieddate"] == "2025-02-05T10:00:00.000Z")
    }
    query = {
        "filterGroups": [
            {
                "filters": [
                    {"propertyName": "lastmodifieddate", "operator": operator, "value": value}
                ]
            }
        ],
        "sorts": [{"propertyName": "lastmodifieddate", "direction": "ASCENDING"}],
        "properties": ["lastmodifieddate"],
        "limit": 4,
    }
    seen, stamps = [], []
    with serve(handmade_landing) as api:
        url = f"{api.base_url}/crm/v3/objects/contacts/search"
        while True:
            body = post(url, query, _auth(api)).json()
            assert body["total"] == len(expected)
            seen += [r["id"] for r in body["results"]]
            stamps += [r["properties"]["lastmodifieddate"] for r in body["results"]]
            if "paging" not in body:
                break
            query["after"] = body["paging"]["next"]["after"]
    assert sorted(seen) == sorted(expected) and len(seen) == len(set(seen))
    assert stamps == sorted(stamps)


def test_search_on_deals_and_limits(handmade_landing):
    with serve(handmade_landing) as api:
        url = f"{api.base_url}/crm/v3/objects/deals/search"
        recent = {
            "filterGroups": [
                {
                    "filters": [
                        {
                            "propertyName": "hs_lastmodifieddate",
                            "operator": "GTE",
                            "value": "2025-02-01",
                        }
                    ]
                }
            ]
        }
        assert post(url, recent, _auth(api)).json()["total"] == 2
        too_many = post(url, {**recent, "limit": 201}, _auth(api))
        assert too_many.status == 400 and too_many.json()["category"] == "VALIDATION_ERROR"
        forged = post(url, {**recent, "after": "10"}, _auth(api))
        assert forged.status == 400


def test_owners_pipelines_properties(handmade_landing):
    with serve(handmade_landing, page_size=2) as api:
        owners, pages = _page_through(api, f"{api.base_url}/crm/v3/owners?limit=100")
        pipelines = get(f"{api.base_url}/crm/v3/pipelines/deals", _auth(api)).json()
        props = get(f"{api.base_url}/crm/v3/properties/contacts", _auth(api)).json()
    assert [o["id"] for o in owners] == ["101", "102", "103"]  # 104 is archived
    assert pages == 2
    assert pipelines["results"][0]["stages"][0]["id"] == "closedwon"
    names = {p["name"]: p["type"] for p in props["results"]}
    assert names["lastmodifieddate"] == "datetime" and "hs_merged_object_ids" in names
