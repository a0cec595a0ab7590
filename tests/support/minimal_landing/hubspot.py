"""HubSpot: contacts in three snapshots (a merge, an archived contact, a cut-off page),
companies, deals, a call, owners and the deal pipeline."""

from __future__ import annotations

from pathlib import Path

from tests.support.minimal_landing.files import iso, write_json, write_pages, write_truncated

CONTACT_SNAPSHOTS = ("2025-01-15", "2025-02-15", "2025-03-15")


def _contact(
    cid: int, snapshot: str, stage: str, merged: str | None = None, archived: bool = False
) -> dict:
    modified = iso(snapshot[:8] + f"{cid % 9 + 1:02d}")
    return {
        "id": str(cid),
        "createdAt": iso("2025-01-02"),
        "updatedAt": modified,
        "archived": archived,
        "properties": {
            "email": f"Person.{cid}@Corp{cid % 4}.example " if cid % 5 else None,
            "firstname": f"First{cid}",
            "lastname": f"Last{cid}",
            "lifecyclestage": stage,
            "hs_lead_status": "IN_PROGRESS",
            "hubspot_owner_id": str(101 + cid % 3),
            "hs_merged_object_ids": merged,
            "associatedcompanyid": str(9001 + cid % 3),
            "createdate": iso("2025-01-02"),
            "lastmodifieddate": modified,
            "hs_object_id": str(cid),
        },
        "propertiesWithHistory": {
            "lifecyclestage": [
                {
                    "value": stage,
                    "timestamp": modified,
                    "sourceType": "CRM_UI",
                    "sourceId": "userId:101",
                },
                {"value": "lead", "timestamp": iso("2025-01-02"), "sourceType": "FORM"},
            ]
        },
        "associations": {
            "companies": {"results": [{"id": str(9001 + cid % 3), "type": "contact_to_company"}]}
        },
    }


def write_hubspot(root: Path, malformed: list[list[str]]) -> None:
    hub = root / "hubspot"
    link = "https://api.hubapi.com/crm/v3/objects/contacts"
    first, second, third = CONTACT_SNAPSHOTS
    write_pages(
        hub / "contacts" / first,
        "results",
        [_contact(i, first, "lead") for i in range(1, 21)],
        8,
        link,
    )
    # Contacts 2 and 4 are merged into 1, so they only exist in the first snapshot.
    updated = [_contact(1, second, "marketingqualifiedlead", merged="2;4")]
    updated += [_contact(i, second, "salesqualifiedlead") for i in range(3, 31, 3)]
    updated += [_contact(i, second, "lead") for i in range(21, 31) if i % 3]
    write_pages(hub / "contacts" / second, "results", updated, 10, link)
    # The newest snapshot's first page is cut off: contact 5's update is lost.
    bad = hub / "contacts" / third / "page-000001.json"
    write_truncated(
        bad, {"results": [_contact(5, third, "customer")], "paging": {"next": {"after": "1"}}}
    )
    malformed.append(["hubspot", str(bad.relative_to(root)), "", "truncated_json", ""])
    write_json(
        hub / "contacts" / third / "page-000002.json",
        {
            "results": [
                _contact(10, third, "opportunity"),
                _contact(31, third, "lead", archived=True),
            ]
        },
    )

    companies = [
        {
            "id": str(9001 + i),
            "createdAt": iso("2025-01-02"),
            "updatedAt": iso(first),
            "archived": False,
            "properties": {
                "name": f"Corp {i}",
                "domain": f"corp{i}.example",
                "industry": "SOFTWARE",
                "createdate": iso("2025-01-02"),
                "hs_lastmodifieddate": iso(first),
                "hs_object_id": str(9001 + i),
            },
        }
        for i in range(3)
    ]
    write_pages(hub / "companies" / first, "results", companies, 100, link)
    deals = [
        {
            "id": str(700 + i),
            "createdAt": iso("2025-01-05"),
            "updatedAt": iso(second),
            "archived": False,
            "properties": {
                "dealname": f"Deal {i}",
                "amount": str(1000 * (i + 1)),
                "deal_currency_code": "USD",
                "dealstage": "closedwon",
                "pipeline": "default",
                "closedate": iso(second),
                "createdate": iso("2025-01-05"),
                "hs_lastmodifieddate": iso(second),
                "hs_object_id": str(700 + i),
            },
            "propertiesWithHistory": {
                "dealstage": [
                    {"value": "closedwon", "timestamp": iso(second), "sourceType": "CRM_UI"},
                    {
                        "value": "appointmentscheduled",
                        "timestamp": iso("2025-01-05"),
                        "sourceType": "CRM_UI",
                    },
                ]
            },
            "associations": {
                "contacts": {
                    "results": [{"id": "1", "type": "deal_to_contact", "label": "Decision Maker"}]
                }
            },
        }
        for i in range(2)
    ]
    write_pages(hub / "deals" / second, "results", deals, 100, link)
    call = {
        "id": "880",
        "createdAt": iso(first),
        "updatedAt": iso(first),
        "archived": False,
        "properties": {
            "hs_timestamp": iso(first),
            "hubspot_owner_id": "101",
            "hs_call_disposition": "f240bbac-87c9-4f6e-bf70-924b57d47db7",
            "hs_call_duration": "120000",
            "hs_createdate": iso(first),
            "hs_lastmodifieddate": iso(first),
            "hs_object_id": "880",
        },
    }
    write_pages(hub / "calls" / first, "results", [call], 100, link)
    owners = [
        {
            "id": str(101 + i),
            "email": f"rep{i}@acme.example",
            "firstName": f"Rep{i}",
            "lastName": "Seller",
            "userId": 500 + i,
            "createdAt": iso("2024-06-01"),
            "updatedAt": iso("2024-06-01"),
            "archived": i == 3,
            "teams": [{"id": "1", "name": "AEs", "primary": True}],
        }
        for i in range(4)
    ]
    write_pages(hub / "owners", "results", owners, 100, "https://api.hubapi.com/crm/v3/owners")
    write_json(
        hub / "pipelines" / "deals.json",
        {
            "results": [
                {
                    "id": "default",
                    "label": "Sales Pipeline",
                    "displayOrder": 0,
                    "archived": False,
                    "stages": [
                        {
                            "id": "closedwon",
                            "label": "Closed Won",
                            "displayOrder": 5,
                            "archived": False,
                            "metadata": {"isClosed": "true", "probability": "1.0"},
                        }
                    ],
                }
            ]
        },
    )
