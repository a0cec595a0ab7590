"""Meta insights reader: daily campaign rows per ad account, cursor-paged by `paging.next`."""

from __future__ import annotations

import json
from collections.abc import Iterator

from dlt.sources.helpers.rest_client.paginators import JSONLinkPaginator

from ingestion.api.client import page_label, rest_client, secret
from ingestion.api.provider import Page
from ingestion.api.windows import months, newest_day, report_window
from ingestion.config import VendorConfig
from ingestion.contracts import BY_NAME
from ingestion.contracts.meta_ads import EXPORT_ONLY

VERSION = "v21.0"
FIELDS = ",".join(
    f.path
    for f in BY_NAME["meta_ads__insights"].fields
    if f.path not in ("date_start", "date_stop", *EXPORT_ONLY)
)  # always returned


def insights(vendor: VendorConfig, state: dict, updates: dict) -> Iterator[Page]:
    # Bearer header rather than ?access_token=: the page URL is stored as `_file`.
    client = rest_client(vendor, secret(vendor, "access_token"))
    accounts = vendor.ids("account_ids")
    if not accounts:
        secret(vendor, "account_ids")
    for account in accounts:
        account = account.removeprefix("act_")
        key = f"hwm:{account}"
        window = report_window(vendor, state.get(key))
        days: list[str] = []
        for first, last in months(*window) if window else []:
            params = {
                "level": "campaign",
                "time_increment": "1",
                "fields": FIELDS,
                "limit": 500,
                "time_range": json.dumps(
                    {"since": first.isoformat(), "until": last.isoformat()}, separators=(",", ":")
                ),
            }
            for page in client.paginate(
                f"/{vendor.api_version or VERSION}/act_{account}/insights",
                params=params,
                data_selector="data",
                paginator=JSONLinkPaginator(next_url_path="paging.next"),
            ):
                days += [r.get("date_start") for r in page if isinstance(r, dict)]
                if page:
                    yield Page(page_label(page), "data", list(enumerate(page)))
        mark = newest_day(days, state.get(key))
        if mark:
            updates[key] = mark


READERS = {"meta_ads__insights": insights}
