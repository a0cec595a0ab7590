"""SendGrid reader: single sends, paged by the `_metadata.next` link.

Events have no list API: SendGrid pushes them to our webhook receiver
(ingestion/webhooks/sendgrid.py), which lands them as files; the files path loads them.
"""

from __future__ import annotations

from collections.abc import Iterator

from dlt.sources.helpers.rest_client.paginators import JSONLinkPaginator

from ingestion.api.client import page_label, rest_client, secret
from ingestion.api.provider import Page
from ingestion.config import VendorConfig


def singlesends(vendor: VendorConfig, state: dict, updates: dict) -> Iterator[Page]:
    client = rest_client(vendor, secret(vendor, "api_key"))
    for page in client.paginate(
        "/v3/marketing/singlesends",
        params={"page_size": 100},
        paginator=JSONLinkPaginator(next_url_path="_metadata.next"),
        data_selector="result",
    ):
        yield Page(page_label(page), "result", list(enumerate(page)))


READERS = {"sendgrid__singlesends": singlesends}
