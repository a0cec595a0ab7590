"""Google Ads googleAds:search response pages, one folder per month of exports."""

from __future__ import annotations

import base64
import os
import random

import orjson

from .. import config as C
from ..ads import AdDay, preliminary
from ..timefmt import day_str

PAGE_ROWS = 100
FIELD_MASK = (
    "customer.id,customer.currencyCode,campaign.id,campaign.name,"
    "campaign.advertisingChannelType,segments.date,metrics.impressions,metrics.clicks,"
    "metrics.costMicros,metrics.conversions"
)


def row(ad: AdDay) -> dict:
    cid, camp = C.GOOGLE_CUSTOMER_ID, ad.campaign
    return {
        "customer": {"resourceName": f"customers/{cid}", "id": cid, "currencyCode": "USD"},
        "campaign": {
            "resourceName": f"customers/{cid}/campaigns/{camp.id}",
            "id": camp.id,
            "name": camp.name,
            "advertisingChannelType": "SEARCH",
        },
        "segments": {"date": day_str(ad.day * C.DAY)},
        "metrics": {
            "impressions": str(ad.impressions),
            "clicks": str(ad.clicks),
            "costMicros": str(round(ad.spend * 100) * 10_000),
            "conversions": float(ad.leads),
        },
    }


def write(out_dir: str, ads: list[AdDay], seed: int, extras: dict) -> tuple[int, list]:
    """Write monthly exports; returns (rows written, defects) with `extras` spliced in."""
    rng = random.Random(f"google-restate-{seed}")
    by_month: dict[str, list[AdDay]] = {}
    for ad in ads:
        by_month.setdefault(day_str(ad.day * C.DAY)[:7], []).append(ad)
    months = sorted(by_month)
    written, defects = 0, []
    for i, month in enumerate(months):
        last_month = i == len(months) - 1
        cutoff = max(a.day for a in by_month[month]) - 2
        rows = []
        if i:
            prev = by_month[months[i - 1]]
            prev_cut = max(a.day for a in prev) - 2
            rows += [row(a) for a in prev if a.day >= prev_cut]
        rows += [
            row(a if (last_month or a.day < cutoff) else preliminary(a, rng))
            for a in by_month[month]
        ]
        rows.sort(key=lambda r: (r["segments"]["date"], r["campaign"]["id"]))
        folder = f"google_ads/campaign_report/{C.GOOGLE_CUSTOMER_ID}/{month}"
        for pos, bad, defect, detail in sorted(extras.get(month, []), key=lambda x: x[0]):
            rows.insert(pos, bad)
            defects.append(
                (
                    "google_ads",
                    f"{folder}/page-{pos // PAGE_ROWS + 1:06d}.json",
                    f"results[{pos % PAGE_ROWS}]",
                    defect,
                    detail,
                )
            )
        os.makedirs(os.path.join(out_dir, folder), exist_ok=True)
        pages = [rows[j : j + PAGE_ROWS] for j in range(0, len(rows), PAGE_ROWS)]
        for n, page in enumerate(pages, 1):
            body = {"results": page, "totalResultsCount": str(len(rows)), "fieldMask": FIELD_MASK}
            if n < len(pages):
                body["nextPageToken"] = base64.urlsafe_b64encode(
                    f"{month}:{n * PAGE_ROWS}".encode()
                ).decode()
            with open(os.path.join(out_dir, folder, f"page-{n:06d}.json"), "wb") as fh:
                fh.write(orjson.dumps(body))
        written += len(rows)
    return written, defects
