"""Google Ads googleAds:search through the fake: GAQL date ranges, pages, restatements."""

from __future__ import annotations

import pytest

from tests.support.vendor_api import serve

from .client import post
from .expected import google_rows

FIELDS = (
    "customer.id, customer.currency_code, campaign.id, campaign.name, segments.date, "
    "metrics.impressions, metrics.clicks, metrics.cost_micros"
)


def _headers(api) -> dict[str, str]:
    return {
        "Authorization": f"Bearer {api.tokens['google_ads']}",
        "developer-token": api.tokens["google_ads_developer_token"],
        "login-customer-id": "1112223334",
    }


def _search_all(api, customer: str, query: str) -> tuple[list[dict], list[dict]]:
    url = f"{api.base_url}/v17/customers/{customer}/googleAds:search"
    rows, bodies, token = [], [], None
    while True:
        reply = post(
            url, {"query": query, **({"pageToken": token} if token else {})}, _headers(api)
        )
        assert reply.status == 200, reply.body
        body = reply.json()
        bodies.append(body)
        rows += body.get("results", [])
        token = body.get("nextPageToken")
        if not token:
            return rows, bodies


def test_pages_cover_the_range_once_with_restated_values(landing):
    customers = sorted(p.name for p in (landing / "google_ads" / "campaign_report").iterdir())
    with serve(landing, page_size=25) as api:
        for customer in customers:
            expected = google_rows(landing, customer)
            days = sorted({d for _, d in expected})
            first, last = days[1], days[-2]  # a range strictly inside the data
            query = (
                f"SELECT {FIELDS} FROM campaign WHERE segments.date BETWEEN '{first}' AND '{last}'"
            )
            rows, bodies = _search_all(api, customer, query)
            rows = [r for r in rows if "campaign" in r and "segments" in r]
            keys = [(r["campaign"]["id"], r["segments"]["date"]) for r in rows]
            assert len(keys) == len(set(keys)), "no (campaign, day) twice"
            assert set(keys) == {k for k in expected if first <= k[1] <= last}
            for row, key in zip(rows, keys, strict=True):
                assert row["metrics"]["costMicros"] == expected[key]["metrics"]["costMicros"]
            assert all(b["totalResultsCount"] == bodies[0]["totalResultsCount"] for b in bodies)
            assert sum(len(b.get("results", [])) for b in bodies) == int(
                bodies[0]["totalResultsCount"]
            )
            assert bodies[0]["fieldMask"].split(",")[1] == "customer.currencyCode"


def test_restated_days_take_the_newest_export(handmade_landing):
    with serve(handmade_landing) as api:
        query = (
            f"SELECT {FIELDS} FROM campaign WHERE segments.date >= '2025-01-29' "
            "AND segments.date <= '2025-02-01'"
        )
        rows, bodies = _search_all(api, "123-456-7890", query)
    assert len(bodies) == 1  # 10,000 rows a page unless serve() says otherwise
    cost = {(r["campaign"]["id"], r["segments"]["date"]): r["metrics"]["costMicros"] for r in rows}
    assert len(cost) == 8
    # The February file restated Jan 29-31 (cost + 0.99); Feb 1 was never restated.
    assert cost["111", "2025-01-30"] == "141990000"
    assert cost["111", "2025-02-01"] == "112000000"
    assert rows[0]["campaign"]["resourceName"] == "customers/1234567890/campaigns/111"
    assert "advertisingChannelType" not in rows[0]["campaign"], "only selected fields"


def test_truncated_month_is_skipped_not_fatal(handmade_landing):
    # 9876543210's February export is truncated: January still serves.
    with serve(handmade_landing) as api:
        rows, _ = _search_all(
            api,
            "9876543210",
            f"SELECT {FIELDS} FROM campaign WHERE "
            "segments.date BETWEEN '2025-01-01' AND '2025-02-28'",
        )
    assert {r["segments"]["date"] for r in rows} == {f"2025-01-{d:02d}" for d in range(1, 32)}


@pytest.mark.parametrize(
    "body,status,code",
    [
        (
            {"query": f"SELECT {FIELDS} FROM campaign", "pageSize": 100},
            400,
            {"requestError": "PAGE_SIZE_NOT_SUPPORTED"},
        ),
        (
            {"query": f"SELECT {FIELDS} FROM campaign", "pageToken": "made-up"},
            400,
            {"requestError": "INVALID_PAGE_TOKEN"},
        ),
        ({"query": f"SELECT {FIELDS} FROM ad_group"}, 400, {"queryError": "INVALID_RESOURCE_NAME"}),
    ],
)
def test_bad_requests_are_refused(handmade_landing, body, status, code):
    with serve(handmade_landing) as api:
        reply = post(
            f"{api.base_url}/v17/customers/1234567890/googleAds:search", body, _headers(api)
        )
    assert reply.status == status
    assert reply.json()["error"]["details"][0]["errors"][0]["errorCode"] == code


def test_page_token_is_bound_to_its_query(handmade_landing):
    with serve(handmade_landing, page_size=5) as api:
        url = f"{api.base_url}/v17/customers/1234567890/googleAds:search"
        query = f"SELECT {FIELDS} FROM campaign WHERE segments.date >= '2025-01-01'"
        token = post(url, {"query": query}, _headers(api)).json()["nextPageToken"]
        other = post(url, {"query": query + " LIMIT 50", "pageToken": token}, _headers(api))
        unknown = post(
            f"{api.base_url}/v17/customers/555/googleAds:search", {"query": query}, _headers(api)
        )
        empty = post(
            url,
            {
                "query": f"SELECT {FIELDS} FROM campaign WHERE "
                "segments.date BETWEEN '2030-01-01' AND '2030-01-31'"
            },
            _headers(api),
        )
    assert other.status == 400
    assert unknown.status == 403 and unknown.json()["error"]["status"] == "PERMISSION_DENIED"
    assert "results" not in empty.json() and empty.json()["totalResultsCount"] == "0"
