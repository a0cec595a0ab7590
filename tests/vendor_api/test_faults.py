"""Failure injection: server errors, dropped connections, vendor-shaped 429s."""

from __future__ import annotations

import http.client
import time
import urllib.error

import pytest

from tests.support.vendor_api import DROPPED, serve

from .client import call, get

LINKEDIN = {"LinkedIn-Version": "202410", "X-Restli-Protocol-Version": "2.0.0"}


def _contacts(api) -> tuple[str, dict[str, str]]:
    return (
        f"{api.base_url}/crm/v3/objects/contacts?limit=5",
        {"Authorization": f"Bearer {api.tokens['hubspot']}"},
    )


def test_fail_after_returns_500_from_then_on(handmade_landing):
    with serve(handmade_landing, fail_after=2) as api:
        url, headers = _contacts(api)
        statuses = [get(url, headers).status for _ in range(4)]
        body = get(url, headers).json()
    assert statuses == [200, 200, 500, 500]
    assert body["category"] == "INTERNAL_ERROR"
    assert [r.status for r in api.request_log] == [200, 200, 500, 500, 500]


def test_fail_times_lets_a_retrying_client_recover(handmade_landing):
    with serve(handmade_landing, fail_after=1, fail_times=2) as api:
        url, headers = _contacts(api)
        assert [get(url, headers).status for _ in range(4)] == [200, 500, 500, 200]


def test_drop_mode_closes_the_connection(handmade_landing):
    with serve(handmade_landing, fail_after=1, fail_mode="drop") as api:
        url, headers = _contacts(api)
        assert get(url, headers).status == 200
        with pytest.raises((urllib.error.URLError, http.client.HTTPException, ConnectionError)):
            get(url, headers)
    assert api.request_log[-1].status == DROPPED


def test_rate_limit_every_kth_request_hubspot_style(handmade_landing):
    with serve(handmade_landing, rate_limit_every=3) as api:
        url, headers = _contacts(api)
        replies = [get(url, headers) for _ in range(6)]
    assert [r.status for r in replies] == [200, 200, 429, 200, 200, 429]
    assert replies[2].headers["Retry-After"] == "1"
    assert replies[2].json()["category"] == "RATE_LIMITS"
    assert replies[2].json()["status"] == "error"


@pytest.mark.parametrize(
    "vendor,request_args,check",
    [
        (
            "google_ads",
            ("POST", "/v17/customers/1234567890/googleAds:search"),
            lambda b: b["error"]["status"] == "RESOURCE_EXHAUSTED",
        ),
        ("meta_ads", ("GET", "/v21.0/act_2345/insights"), lambda b: b["error"]["code"] == 80000),
        (
            "linkedin_ads",
            ("GET", "/rest/adAccounts?q=search"),
            lambda b: b["code"] == "TOO_MANY_REQUESTS",
        ),
        (
            "sendgrid",
            ("GET", "/v3/marketing/singlesends"),
            lambda b: b["errors"][0]["message"] == "too many requests",
        ),
    ],
)
def test_rate_limit_bodies_per_vendor(handmade_landing, vendor, request_args, check):
    method, path = request_args
    with serve(handmade_landing, rate_limit_every=1) as api:
        headers = {
            "Authorization": f"Bearer {api.tokens[vendor]}",
            **LINKEDIN,
            "developer-token": api.tokens["google_ads_developer_token"],
        }
        reply = call(
            method,
            api.base_url + path,
            headers=headers,
            json_body={"query": "SELECT campaign.id FROM campaign"} if method == "POST" else None,
        )
    assert reply.status == 429 and reply.headers["Retry-After"] == "1"
    assert check(reply.json())


def test_a_retrying_client_still_gets_every_contact(handmade_landing):
    """How an ingestion test uses the faults: the load must finish, and match."""
    with serve(handmade_landing, rate_limit_every=2, fail_after=3, fail_times=1) as api:
        url, headers = _contacts(api)
        ids = []
        while url:
            reply = get(url, headers)
            if reply.status in (429, 500):
                time.sleep(min(float(reply.headers.get("Retry-After", 0)), 0.01))
                continue
            body = reply.json()
            ids += [r["id"] for r in body["results"]]
            url = body.get("paging", {}).get("next", {}).get("link")
    assert len(ids) == len(set(ids)) == 28
    statuses = [r.status for r in api.request_log]
    assert statuses.count(429) >= 5 and statuses.count(500) == 1
