"""Google Ads reader: googleAds:search (GAQL) per customer over the report window.

The page token travels in the POST body (`pageToken`, echoed from `nextPageToken`); every
request carries the `developer-token` header. Each incremental run re-reads the restatement
window before the customer's newest loaded day, so restated metrics replace the stored days.
"""

from __future__ import annotations

from collections.abc import Iterator

from dlt.sources.helpers.rest_client.paginators import JSONResponseCursorPaginator

from ingestion.api.client import page_label, rest_client, secret
from ingestion.api.provider import Page
from ingestion.api.windows import newest_day, report_window
from ingestion.config import VendorConfig
from ingestion.contracts import BY_NAME
from ingestion.contracts.google_ads import EXPORT_ONLY

VERSION = "v17"


def _snake(name: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name)


def gaql(first: str, last: str) -> str:
    # The contract's fields, minus resourceName (the API adds it to every selected resource).
    fields = [
        ".".join(_snake(p) for p in f.path.split("."))
        for f in BY_NAME["google_ads__campaign_report"].fields
        if not f.path.endswith("resourceName") and f.path not in EXPORT_ONLY
    ]
    return (
        f"SELECT {', '.join(fields)} FROM campaign "
        f"WHERE segments.date BETWEEN '{first}' AND '{last}' ORDER BY segments.date"
    )


def campaign_report(vendor: VendorConfig, state: dict, updates: dict) -> Iterator[Page]:
    client = rest_client(
        vendor,
        secret(vendor, "access_token"),
        {"developer-token": secret(vendor, "developer_token")},
    )
    customers = vendor.ids("customer_ids")
    if not customers:
        secret(vendor, "customer_ids")  # raises, naming the variable
    for customer in customers:
        key = f"hwm:{customer}"
        window = report_window(vendor, state.get(key))
        days: list[str] = []
        if window:
            body = {"query": gaql(window[0].isoformat(), window[1].isoformat())}
            paginator = JSONResponseCursorPaginator(
                cursor_path="nextPageToken", cursor_body_path="pageToken"
            )
            path = f"/{vendor.api_version or VERSION}/customers/{customer}/googleAds:search"
            for page in client.paginate(
                path, method="POST", json=body, paginator=paginator, data_selector="results"
            ):
                days += [(r.get("segments") or {}).get("date") for r in page if isinstance(r, dict)]
                if page:
                    yield Page(page_label(page, "pageToken"), "results", list(enumerate(page)))
        mark = newest_day(days, state.get(key))
        if mark:
            updates[key] = mark


READERS = {"google_ads__campaign_report": campaign_report}
