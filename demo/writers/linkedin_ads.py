"""LinkedIn Marketing API: ad accounts, campaigns and monthly adAnalytics (pivot=CAMPAIGN)."""

from __future__ import annotations

import os

import orjson

from .. import config as C
from ..ads import AdDay
from ..campaigns import campaigns
from ..entities import fx_on


def row(ad: AdDay, fx: dict) -> dict:
    y, m, d = (int(x) for x in _ymd(ad.day))
    date = {"year": y, "month": m, "day": d}
    return {
        "pivotValues": [f"urn:li:sponsoredCampaign:{ad.campaign.id}"],
        "dateRange": {"start": date, "end": date},
        "impressions": ad.impressions,
        "clicks": ad.clicks,
        "costInLocalCurrency": f"{ad.spend:.2f}",
        "costInUsd": f"{ad.spend * fx_on(fx, 'GBP', ad.day * C.DAY):.2f}",
    }


def _ymd(day: int) -> tuple[str, str, str]:
    from ..timefmt import day_str

    y, m, d = day_str(day * C.DAY).split("-")
    return y, m, d


def write(out_dir: str, ads: list[AdDay], fx: dict, extras: dict) -> tuple[int, list]:
    root = os.path.join(out_dir, "linkedin_ads")
    os.makedirs(os.path.join(root, "ad_analytics"), exist_ok=True)
    paging = {"start": 0, "count": 10000, "links": []}
    accounts = [
        {
            "id": C.LINKEDIN_ACCOUNT_ID,
            "name": "Acme Analytics UK",
            "currency": "GBP",
            "status": "ACTIVE",
            "type": "BUSINESS",
        }
    ]
    with open(os.path.join(root, "accounts.json"), "wb") as fh:
        fh.write(orjson.dumps({"elements": accounts, "paging": paging}))
    camps = [
        {
            "id": int(c.id),
            "name": c.name,
            "account": f"urn:li:sponsoredAccount:{C.LINKEDIN_ACCOUNT_ID}",
            "campaignGroup": "urn:li:sponsoredCampaignGroup:600001",
            "status": "ACTIVE",
            "costType": "CPC",
            "type": "SPONSORED_UPDATES",
            "dailyBudget": {"amount": "50.00", "currencyCode": "GBP"},
        }
        for c in campaigns()
        if c.platform == "linkedin"
    ]
    with open(os.path.join(root, "campaigns.json"), "wb") as fh:
        fh.write(orjson.dumps({"elements": camps, "paging": paging}))
    by_month: dict[str, list[dict]] = {}
    for ad in ads:
        y, m, _ = _ymd(ad.day)
        by_month.setdefault(f"{y}-{m}", []).append(row(ad, fx))
    written, defects = 0, []
    for month, rows in sorted(by_month.items()):
        name = f"linkedin_ads/ad_analytics/{month}.json"
        for pos, bad, defect, detail in sorted(extras.get(month, []), key=lambda x: x[0]):
            rows.insert(pos, bad)
            defects.append(("linkedin_ads", name, f"elements[{pos}]", defect, detail))
        with open(os.path.join(out_dir, name), "wb") as fh:
            fh.write(orjson.dumps({"elements": rows, "paging": paging}))
        written += len(rows)
    return written, defects
