"""A small hand-made landing folder per docs/landing-formats.md, for tests that
must not depend on the demo generator. Small on purpose, but with the traps:
several snapshots per object, a merge, an archived record, restated ad days,
a duplicate webhook delivery and truncated files listed in _truth/malformed.csv.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

CONTACT_SNAPSHOTS = ("2025-01-15", "2025-02-15", "2025-03-15")
GOOGLE_CUSTOMERS = ("1234567890", "9876543210")
META_ACCOUNT = "2345"
RESTATED_DAYS = 3


def _write(path: Path, body: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(body, indent=1))


def _truncate(path: Path, body: Any) -> None:
    text = json.dumps(body)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text[: len(text) // 2])


def _pages(folder: Path, key: str, records: list[dict], per_page: int, link: str) -> None:
    for number, start in enumerate(range(0, max(len(records), 1), per_page), 1):
        body: dict[str, Any] = {key: records[start : start + per_page]}
        if start + per_page < len(records):
            after = str(start + per_page)
            body["paging"] = {"next": {"after": after, "link": f"{link}?after={after}&limit=100"}}
        _write(folder / f"page-{number:06d}.json", body)


def _iso(day: str, hour: int = 10) -> str:
    return f"{day}T{hour:02d}:00:00.000Z"


def _contact(
    cid: int, snapshot: str, stage: str, merged: str | None = None, archived: bool = False
) -> dict:
    modified = _iso(snapshot[:8] + f"{cid % 9 + 1:02d}")
    return {
        "id": str(cid),
        "createdAt": _iso("2025-01-02"),
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
            "createdate": _iso("2025-01-02"),
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
                {"value": "lead", "timestamp": _iso("2025-01-02"), "sourceType": "FORM"},
            ]
        },
        "associations": {
            "companies": {"results": [{"id": str(9001 + cid % 3), "type": "contact_to_company"}]}
        },
    }


def _hubspot(root: Path, malformed: list[list[str]]) -> None:
    hub = root / "hubspot"
    link = "https://api.hubapi.com/crm/v3/objects/contacts"
    first, second, third = CONTACT_SNAPSHOTS
    _pages(
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
    _pages(hub / "contacts" / second, "results", updated, 10, link)
    # The newest snapshot's first page is cut off: contact 5's update is lost.
    bad = hub / "contacts" / third / "page-000001.json"
    _truncate(
        bad, {"results": [_contact(5, third, "customer")], "paging": {"next": {"after": "1"}}}
    )
    malformed.append(["hubspot", str(bad.relative_to(root)), "", "truncated_json", ""])
    _write(
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
            "createdAt": _iso("2025-01-02"),
            "updatedAt": _iso(first),
            "archived": False,
            "properties": {
                "name": f"Corp {i}",
                "domain": f"corp{i}.example",
                "industry": "SOFTWARE",
                "createdate": _iso("2025-01-02"),
                "hs_lastmodifieddate": _iso(first),
                "hs_object_id": str(9001 + i),
            },
        }
        for i in range(3)
    ]
    _pages(hub / "companies" / first, "results", companies, 100, link)
    deals = [
        {
            "id": str(700 + i),
            "createdAt": _iso("2025-01-05"),
            "updatedAt": _iso(second),
            "archived": False,
            "properties": {
                "dealname": f"Deal {i}",
                "amount": str(1000 * (i + 1)),
                "deal_currency_code": "USD",
                "dealstage": "closedwon",
                "pipeline": "default",
                "closedate": _iso(second),
                "createdate": _iso("2025-01-05"),
                "hs_lastmodifieddate": _iso(second),
                "hs_object_id": str(700 + i),
            },
            "propertiesWithHistory": {
                "dealstage": [
                    {"value": "closedwon", "timestamp": _iso(second), "sourceType": "CRM_UI"},
                    {
                        "value": "appointmentscheduled",
                        "timestamp": _iso("2025-01-05"),
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
    _pages(hub / "deals" / second, "results", deals, 100, link)
    call = {
        "id": "880",
        "createdAt": _iso(first),
        "updatedAt": _iso(first),
        "archived": False,
        "properties": {
            "hs_timestamp": _iso(first),
            "hubspot_owner_id": "101",
            "hs_call_disposition": "f240bbac-87c9-4f6e-bf70-924b57d47db7",
            "hs_call_duration": "120000",
            "hs_createdate": _iso(first),
            "hs_lastmodifieddate": _iso(first),
            "hs_object_id": "880",
        },
    }
    _pages(hub / "calls" / first, "results", [call], 100, link)
    owners = [
        {
            "id": str(101 + i),
            "email": f"rep{i}@acme.example",
            "firstName": f"Rep{i}",
            "lastName": "Seller",
            "userId": 500 + i,
            "createdAt": _iso("2024-06-01"),
            "updatedAt": _iso("2024-06-01"),
            "archived": i == 3,
            "teams": [{"id": "1", "name": "AEs", "primary": True}],
        }
        for i in range(4)
    ]
    _pages(hub / "owners", "results", owners, 100, "https://api.hubapi.com/crm/v3/owners")
    _write(
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


def _days(first: str, last: str) -> list[str]:
    start, end = date.fromisoformat(first), date.fromisoformat(last)
    return [(start + timedelta(n)).isoformat() for n in range((end - start).days + 1)]


def _month_span(month: str, restate: bool) -> list[tuple[str, bool]]:
    """(day, restated) for a monthly export that repeats the previous month's end."""
    start = date.fromisoformat(f"{month}-01")
    end = (start.replace(day=28) + timedelta(4)).replace(day=1) - timedelta(1)
    days = [(d, False) for d in _days(start.isoformat(), end.isoformat())]
    if restate:
        previous = [(start - timedelta(n)).isoformat() for n in range(RESTATED_DAYS, 0, -1)]
        days = [(d, True) for d in previous] + days
    return days


def _google(root: Path, malformed: list[list[str]]) -> None:
    base = root / "google_ads" / "campaign_report"
    for index, customer in enumerate(GOOGLE_CUSTOMERS):
        campaigns = [("111", "Brand - Search"), ("222", "Generic - Search")][: 2 - index]
        for month, restate in (("2025-01", False), ("2025-02", True)):
            rows = []
            for day, restated in _month_span(month, restate):
                for cid, name in campaigns:
                    n = int(day[-2:]) + int(cid)
                    rows.append(
                        {
                            "customer": {
                                "resourceName": f"customers/{customer}",
                                "id": customer,
                                "currencyCode": "USD",
                            },
                            "campaign": {
                                "resourceName": f"customers/{customer}/campaigns/{cid}",
                                "id": cid,
                                "name": name,
                                "advertisingChannelType": "SEARCH",
                            },
                            "segments": {"date": day},
                            "metrics": {
                                "impressions": str(1000 + n + (7 if restated else 0)),
                                "clicks": str(n % 40),
                                "costMicros": str(n * 1_000_000 + (990_000 if restated else 0)),
                                "conversions": float(n % 3),
                            },
                        }
                    )
            folder = base / customer / month
            if customer == GOOGLE_CUSTOMERS[1] and month == "2025-02":
                _truncate(folder / "page-000001.json", {"results": rows})
                malformed.append(
                    [
                        "google_ads",
                        f"google_ads/campaign_report/{customer}/{month}/page-000001.json",
                        "",
                        "truncated_json",
                        "",
                    ]
                )
                continue
            for number, start in enumerate(range(0, len(rows), 40), 1):
                body: dict[str, Any] = {
                    "results": rows[start : start + 40],
                    "totalResultsCount": str(len(rows)),
                    "fieldMask": "customer.id,campaign.id,segments.date",
                }
                if start + 40 < len(rows):
                    body["nextPageToken"] = f"token-{number}"
                _write(folder / f"page-{number:06d}.json", body)


def _meta(root: Path) -> None:
    folder = root / "meta_ads" / "insights" / f"act_{META_ACCOUNT}"
    for month, restate in (("2025-01", False), ("2025-02", True)):
        rows = []
        for day, restated in _month_span(month, restate):
            for cid in ("23850001", "23850002"):
                n = int(day[-2:])
                rows.append(
                    {
                        "account_id": META_ACCOUNT,
                        "account_currency": "EUR",
                        "campaign_id": cid,
                        "campaign_name": f"Campaign {cid[-1]}",
                        "date_start": day,
                        "date_stop": day,
                        "impressions": str(500 + n),
                        "clicks": str(n),
                        "spend": f"{n + (0.5 if restated else 0):.2f}",
                        "actions": [{"action_type": "link_click", "value": str(n)}],
                    }
                )
        _pages(folder / month, "data", rows, 50, "https://graph.facebook.com/v21.0/insights")


def _linkedin(root: Path) -> None:
    base = root / "linkedin_ads"
    _write(
        base / "accounts.json",
        {
            "elements": [
                {"id": 5001, "name": "Acme EU", "currency": "GBP", "status": "ACTIVE"},
                {"id": 5002, "name": "Acme US", "currency": "USD", "status": "ACTIVE"},
            ],
            "paging": {"start": 0, "count": 2, "links": []},
        },
    )
    campaigns = [
        {
            "id": 7000 + i,
            "name": f"LI campaign {i}",
            "account": f"urn:li:sponsoredAccount:{5001 if i <= 5 else 5002}",
            "campaignGroup": "urn:li:sponsoredCampaignGroup:600",
            "status": "ACTIVE",
            "costType": "CPC",
            "dailyBudget": {"amount": "50.00", "currencyCode": "GBP"},
        }
        for i in range(1, 7)
    ]
    _write(
        base / "campaigns.json",
        {"elements": campaigns, "paging": {"start": 0, "count": 6, "links": []}},
    )
    for month, restate in (("2025-01", False), ("2025-02", True)):
        elements = []
        for day, restated in _month_span(month, restate):
            y, m, d = (int(p) for p in day.split("-"))
            for campaign in campaigns[:3] + campaigns[5:]:
                when = {"year": y, "month": m, "day": d}
                elements.append(
                    {
                        "pivotValues": [f"urn:li:sponsoredCampaign:{campaign['id']}"],
                        "dateRange": {"start": when, "end": when},
                        "impressions": 800 + d,
                        "clicks": d % 9,
                        "costInLocalCurrency": f"{d + (0.25 if restated else 0):.2f}",
                        "costInUsd": f"{d * 1.27:.2f}",
                    }
                )
        _write(
            base / "ad_analytics" / f"{month}.json",
            {"elements": elements, "paging": {"start": 0, "count": 10000, "links": []}},
        )


def _event(n: int, kind: str, day: str) -> dict:
    return {
        "email": f"person.{n}@corp.example",
        "timestamp": 1735725600 + n * 60,
        "smtp-id": f"<{n}@sg.example>",
        "event": kind,
        "category": ["nurture"],
        "sg_event_id": f"evt-{n}",
        "sg_message_id": f"msg-{n}.filter0001",
        "singlesend_id": "ss-1",
        "marketing_campaign_id": "ss-1",
        "marketing_campaign_name": "Nurture 1",
        "day": day,
    }


def _sendgrid(root: Path, malformed: list[list[str]]) -> None:
    base = root / "sendgrid"
    sends = [
        {
            "id": f"ss-{i}",
            "name": f"Nurture {i}",
            "status": "triggered",
            "categories": ["nurture"],
            "send_at": "2025-01-02T09:00:00Z",
            "created_at": "2025-01-01T09:00:00Z",
            "updated_at": "2025-01-01T09:00:00Z",
            "is_abtest": False,
        }
        for i in range(1, 6)
    ]
    _write(
        base / "singlesends" / "page-000001.json",
        {
            "result": sends,
            "_metadata": {
                "self": "https://api.sendgrid.com/v3/marketing/singlesends",
                "count": len(sends),
            },
        },
    )
    events = base / "events"
    batches = {
        ("2025-01-02", 1): [
            _event(1, "processed", "2025-01-02"),
            _event(2, "delivered", "2025-01-02"),
        ],
        ("2025-01-02", 2): [_event(3, "open", "2025-01-02")],
        # A duplicate delivery of event 3, as SendGrid retries do.
        ("2025-01-03", 1): [_event(3, "open", "2025-01-02"), _event(4, "click", "2025-01-03")],
    }
    for (day, number), body in batches.items():
        # Compact separators: the replay must send these exact bytes, not re-serialised JSON.
        path = events / day / f"batch-{number:06d}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(json.dumps(body, separators=(",", ":")).encode())
    bad = events / "2025-01-03" / "batch-000002.json"
    _truncate(bad, [_event(5, "bounce", "2025-01-03")])
    malformed.append(["sendgrid", str(bad.relative_to(root)), "", "truncated_json", ""])


def write_minimal_landing(root: str | Path) -> Path:
    """Write the folder under `root` (created) and return it."""
    root = Path(root)
    malformed: list[list[str]] = []
    _hubspot(root, malformed)
    _google(root, malformed)
    _meta(root)
    _linkedin(root)
    _sendgrid(root, malformed)
    lines = ["source,file,locator,defect,detail"] + [",".join(row) for row in malformed]
    truth = root / "_truth" / "malformed.csv"
    truth.parent.mkdir(parents=True, exist_ok=True)
    truth.write_text("\n".join(lines) + "\n")
    return root
