"""Ads: Google Ads, Meta and LinkedIn monthly exports that restate the previous month's last
days."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.support.minimal_landing.files import month_span, write_json, write_pages, write_truncated

GOOGLE_CUSTOMERS = ("1234567890", "9876543210")
META_ACCOUNT = "2345"


def write_google(root: Path, malformed: list[list[str]]) -> None:
    base = root / "google_ads" / "campaign_report"
    for index, customer in enumerate(GOOGLE_CUSTOMERS):
        campaigns = [("111", "Brand - Search"), ("222", "Generic - Search")][: 2 - index]
        for month, restate in (("2025-01", False), ("2025-02", True)):
            rows = []
            for day, restated in month_span(month, restate):
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
                write_truncated(folder / "page-000001.json", {"results": rows})
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
                write_json(folder / f"page-{number:06d}.json", body)


def write_meta(root: Path) -> None:
    folder = root / "meta_ads" / "insights" / f"act_{META_ACCOUNT}"
    for month, restate in (("2025-01", False), ("2025-02", True)):
        rows = []
        for day, restated in month_span(month, restate):
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
        write_pages(folder / month, "data", rows, 50, "https://graph.facebook.com/v21.0/insights")


def write_linkedin(root: Path) -> None:
    base = root / "linkedin_ads"
    write_json(
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
    write_json(
        base / "campaigns.json",
        {"elements": campaigns, "paging": {"start": 0, "count": 6, "links": []}},
    )
    for month, restate in (("2025-01", False), ("2025-02", True)):
        elements = []
        for day, restated in month_span(month, restate):
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
        write_json(
            base / "ad_analytics" / f"{month}.json",
            {"elements": elements, "paging": {"start": 0, "count": 10000, "links": []}},
        )
