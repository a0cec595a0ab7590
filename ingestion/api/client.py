"""A vendor's HTTP client: dlt's RESTClient on a retrying session, and page labels.

dlt's `requests` helper retries connection errors, 429 and 5xx with exponential backoff and
honours `Retry-After`; any other 4xx raises at once (a bad token or request must fail loudly).
Tokens go in headers only, never in URLs, because the URL of a page is stored as `_file`.
"""

from __future__ import annotations

from dlt.sources.helpers.requests import Client, Session
from dlt.sources.helpers.rest_client import RESTClient
from dlt.sources.helpers.rest_client.auth import BearerTokenAuth
from dlt.sources.helpers.rest_client.client import PageData

from ingestion.config import VendorConfig


class MissingCredential(RuntimeError):
    pass


def secret(vendor: VendorConfig, name: str) -> str:
    from ingestion.config import TOKEN_VARS

    value = vendor.secrets.get(name)
    if not value:
        var = TOKEN_VARS[vendor.name][name]
        raise MissingCredential(f"CLOSEDLOOP_{vendor.name.upper()}_MODE=api needs ${var}")
    return value


def session(vendor: VendorConfig) -> Session:
    """A requests session that retries connection errors, 429 and 5xx (the shared policy)."""
    http = vendor.http
    # raise_for_status off: the callers raise themselves (after the retries).
    return Client(
        request_timeout=http.timeout,
        raise_for_status=False,
        request_max_attempts=http.max_attempts,
        request_backoff_factor=http.backoff_factor,
        request_max_retry_delay=http.max_retry_delay,
    ).session


def rest_client(
    vendor: VendorConfig,
    token: str,
    headers: dict[str, str] | None = None,
) -> RESTClient:
    return RESTClient(
        base_url=vendor.base_url,
        headers=headers,
        auth=BearerTokenAuth(token),
        session=session(vendor),
    )


def get_json(client: RESTClient, path: str) -> dict:
    """One GET outside a paginator (metadata endpoints), raising on an error status."""
    response = client.get(path)
    response.raise_for_status()
    return response.json()


def page_label(page: PageData, body_cursor: str | None = None) -> str:
    """The `_file` lineage of a page: method and URL, a POST body's cursor after `#`."""
    request = page.response.request
    label = f"{request.method} {request.url}"
    if body_cursor and isinstance(page.request.json, dict):
        cursor = page.request.json.get(body_cursor)
        if cursor:
            label += f"#{body_cursor}={cursor}"
    return label
