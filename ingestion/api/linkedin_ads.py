"""LinkedIn Marketing API readers: ad accounts, campaigns, daily campaign analytics.

Rest.li 2.0: structured query values (`dateRange=(start:(…))`, `accounts=List(urn…)`) must
keep their parentheses literal and only the leaves encoded, which `requests` would not do
with a params dict; those URLs are built here. adAnalytics returns only the fields named in
`fields=` (pivotValues and dateRange included), and is not paged, so it is asked month by month.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import date
from urllib.parse import quote

from dlt.sources.helpers.rest_client.paginators import (
    JSONResponseCursorPaginator,
    SinglePagePaginator,
)

from ingestion.api.client import page_label, rest_client, secret
from ingestion.api.provider import Page
from ingestion.api.windows import months, newest_day, report_window
from ingestion.config import VendorConfig
from ingestion.contracts import BY_NAME
from ingestion.contracts.linkedin_ads import EXPORT_ONLY

VERSION = "202410"  # LinkedIn-Version header (YYYYMM)
ACCOUNT_URN = "urn:li:sponsoredAccount:"
ANALYTICS_FIELDS = ",".join(
    dict.fromkeys(
        f.path.split(".")[0]
        for f in BY_NAME["linkedin_ads__ad_analytics"].fields
        if f.path not in EXPORT_ONLY
    )
)


def _client(vendor: VendorConfig):
    return rest_client(
        vendor,
        secret(vendor, "access_token"),
        {"LinkedIn-Version": vendor.api_version or VERSION, "X-Restli-Protocol-Version": "2.0.0"},
    )


def _search(client, path: str) -> Iterator:
    paginator = JSONResponseCursorPaginator(
        cursor_path="metadata.nextPageToken", cursor_param="pageToken"
    )
    yield from client.paginate(
        path, params={"q": "search", "pageSize": 100}, paginator=paginator, data_selector="elements"
    )


def _account_ids(vendor: VendorConfig, client) -> list[str]:
    configured = vendor.ids("account_ids")
    if configured:
        return [a.removeprefix(ACCOUNT_URN) for a in configured]
    return [
        str(r["id"])
        for page in _search(client, "/rest/adAccounts")
        for r in page
        if isinstance(r, dict) and r.get("id") is not None
    ]


def accounts(vendor: VendorConfig, state: dict, updates: dict) -> Iterator[Page]:
    for page in _search(_client(vendor), "/rest/adAccounts"):
        yield Page(page_label(page), "elements", list(enumerate(page)))


def campaigns(vendor: VendorConfig, state: dict, updates: dict) -> Iterator[Page]:
    client = _client(vendor)
    for account in _account_ids(vendor, client):
        for page in _search(client, f"/rest/adAccounts/{account}/adCampaigns"):
            yield Page(page_label(page), "elements", list(enumerate(page)))


def _restli_date(day: date) -> str:
    return f"(year:{day.year},month:{day.month},day:{day.day})"


def ad_analytics(vendor: VendorConfig, state: dict, updates: dict) -> Iterator[Page]:
    client = _client(vendor)
    urns = ",".join(quote(ACCOUNT_URN + a, safe="") for a in _account_ids(vendor, client))
    window = report_window(vendor, state.get("hwm:analytics"))
    days: list[str] = []
    for first, last in months(*window) if window and urns else []:
        query = (
            f"q=analytics&pivot=CAMPAIGN&timeGranularity=DAILY"
            f"&dateRange=(start:{_restli_date(first)},end:{_restli_date(last)})"
            f"&accounts=List({urns})&fields={ANALYTICS_FIELDS}"
        )
        for page in client.paginate(
            f"/rest/adAnalytics?{query}", data_selector="elements", paginator=SinglePagePaginator()
        ):
            for r in page:
                start = (r.get("dateRange") or {}).get("start") if isinstance(r, dict) else None
                with contextlib.suppress(TypeError, KeyError, ValueError):
                    days.append(date(start["year"], start["month"], start["day"]).isoformat())
            if page:
                yield Page(page_label(page), "elements", list(enumerate(page)))
    mark = newest_day(days, state.get("hwm:analytics"))
    if mark:
        updates["hwm:analytics"] = mark


READERS = {
    "linkedin_ads__accounts": accounts,
    "linkedin_ads__campaigns": campaigns,
    "linkedin_ads__ad_analytics": ad_analytics,
}
