"""Meta Graph API insights pages (level=campaign, time_increment=1), one folder per month."""

from __future__ import annotations

import base64
import os

import orjson

from .. import config as C
from ..ads import AdDay
from ..timefmt import day_str

PAGE_ROWS = 50


def row(ad: AdDay) -> dict:
    d = day_str(ad.day * C.DAY)
    actions = [{"action_type": "link_click", "value": str(max(ad.sessions, ad.clicks - 1))}]
    if ad.leads:
        actions.append({"action_type": "lead", "value": str(ad.leads)})
    return {
        "account_id": C.META_ACCOUNT_ID,
        "account_currency": "EUR",
        "campaign_id": ad.campaign.id,
        "campaign_name": ad.campaign.name,
        "date_start": d,
        "date_stop": d,
        "impressions": str(ad.impressions),
        "clicks": str(ad.clicks),
        "spend": f"{ad.spend:.2f}",
        "actions": actions,
    }


def _cursor(i: int) -> str:
    return base64.b64encode(f"MTAx{i}".encode()).decode().rstrip("=")


def write(out_dir: str, ads: list[AdDay], extras: dict) -> tuple[int, list]:
    by_month: dict[str, list[dict]] = {}
    for ad in ads:
        by_month.setdefault(day_str(ad.day * C.DAY)[:7], []).append(row(ad))
    written, defects = 0, []
    for month, rows in sorted(by_month.items()):
        rows.sort(key=lambda r: (r["date_start"], r["campaign_id"]))
        folder = f"meta_ads/insights/act_{C.META_ACCOUNT_ID}/{month}"
        for pos, bad, defect, detail in sorted(extras.get(month, []), key=lambda x: x[0]):
            rows.insert(pos, bad)
            defects.append(
                (
                    "meta_ads",
                    f"{folder}/page-{pos // PAGE_ROWS + 1:06d}.json",
                    f"data[{pos % PAGE_ROWS}]",
                    defect,
                    detail,
                )
            )
        os.makedirs(os.path.join(out_dir, folder), exist_ok=True)
        pages = [rows[j : j + PAGE_ROWS] for j in range(0, len(rows), PAGE_ROWS)]
        for n, page in enumerate(pages, 1):
            start = (n - 1) * PAGE_ROWS
            paging = {"cursors": {"before": _cursor(start), "after": _cursor(start + len(page))}}
            if n < len(pages):
                paging["next"] = (
                    f"https://graph.facebook.com/v21.0/act_{C.META_ACCOUNT_ID}"
                    f"/insights?level=campaign&time_increment=1&limit={PAGE_ROWS}"
                    f"&after={paging['cursors']['after']}"
                )
            with open(os.path.join(out_dir, folder, f"page-{n:06d}.json"), "wb") as fh:
                fh.write(orjson.dumps({"data": page, "paging": paging}))
        written += len(rows)
    return written, defects
