"""Meta insights and LinkedIn Marketing API through the fake: paging and filters."""

from __future__ import annotations

import json
from urllib.parse import quote, urlencode

from tests.support.vendor_api import serve

from .client import get
from .expected import meta_rows


def test_meta_paging_follows_next_links_over_the_range(landing):
    accounts = sorted(
        p.name.removeprefix("act_") for p in (landing / "meta_ads" / "insights").iterdir()
    )
    with serve(landing) as api:
        for account in accounts:
            expected = meta_rows(landing, account)
            days = sorted({d for _, d in expected})
            since, until = days[2], days[-3]
            params = {
                "level": "campaign",
                "time_increment": "1",
                "time_range": json.dumps({"since": since, "until": until}),
                "fields": "campaign_id,spend,impressions",
                "limit": "9",
                "access_token": api.tokens["meta_ads"],
            }
            url = f"{api.base_url}/v21.0/act_{account}/insights?{urlencode(params)}"
            rows, pages = [], 0
            while url:
                reply = get(url)
                assert reply.status == 200, reply.body
                body = reply.json()
                rows += body["data"]
                pages += 1
                assert set(body["paging"]["cursors"]) == {"before", "after"}
                url = body["paging"].get("next")
            keys = [(r["campaign_id"], r["date_start"]) for r in rows]
            assert len(keys) == len(set(keys))
            assert set(keys) == {k for k in expected if since <= k[1] <= until}
            assert all(r["spend"] == expected[k]["spend"] for r, k in zip(rows, keys, strict=True))
            assert pages == -(-len(keys) // 9)
            assert set(rows[0]) == {
                "campaign_id",
                "spend",
                "impressions",
                "date_start",
                "date_stop",
            }


def test_meta_accepts_a_bearer_header_and_serves_restated_spend(handmade_landing):
    with serve(handmade_landing) as api:
        params = {
            "level": "campaign",
            "time_increment": "1",
            "time_range": '{"since":"2025-01-31","until":"2025-01-31"}',
        }
        reply = get(
            f"{api.base_url}/v21.0/act_2345/insights?{urlencode(params)}",
            {"Authorization": f"Bearer {api.tokens['meta_ads']}"},
        )
    assert reply.status == 200
    assert [r["spend"] for r in reply.json()["data"]] == ["31.50", "31.50"]
    assert "next" not in reply.json()["paging"]


def _linkedin(api) -> dict[str, str]:
    return {
        "Authorization": f"Bearer {api.tokens['linkedin_ads']}",
        "LinkedIn-Version": "202410",
        "X-Restli-Protocol-Version": "2.0.0",
    }


def test_linkedin_accounts_and_campaign_paging(handmade_landing):
    with serve(handmade_landing) as api:
        accounts = get(f"{api.base_url}/rest/adAccounts?q=search", _linkedin(api)).json()
        ids, token, pages = [], None, 0
        while True:
            url = f"{api.base_url}/rest/adAccounts/5001/adCampaigns?q=search&pageSize=2"
            body = get(url + (f"&pageToken={token}" if token else ""), _linkedin(api)).json()
            ids += [c["id"] for c in body["elements"]]
            pages += 1
            token = body["metadata"].get("nextPageToken")
            if not token:
                break
    assert [a["id"] for a in accounts["elements"]] == [5001, 5002]
    assert ids == [7001, 7002, 7003, 7004, 7005] and pages == 3


def _analytics_url(
    api, accounts: str, fields: str | None = "pivotValues,dateRange,impressions,costInLocalCurrency"
) -> str:
    query = (
        "q=analytics&pivot=CAMPAIGN&timeGranularity=DAILY"
        "&dateRange=(start:(year:2025,month:1,day:30),end:(year:2025,month:2,day:2))"
        f"&accounts={accounts}"
    )
    return f"{api.base_url}/rest/adAnalytics?{query}" + (f"&fields={fields}" if fields else "")


def test_linkedin_ad_analytics_parses_restli_and_filters(handmade_landing):
    account = "List(" + quote("urn:li:sponsoredAccount:5001", safe="") + ")"
    with serve(handmade_landing) as api:
        body = get(_analytics_url(api, account), _linkedin(api)).json()
        default_fields = get(_analytics_url(api, account, None), _linkedin(api)).json()
        # A plain urlencode also encodes the Rest.li parentheses: LinkedIn refuses it.
        encoded = get(_analytics_url(api, quote(account, safe="")), _linkedin(api))
    days = {
        (e["pivotValues"][0], tuple(e["dateRange"]["start"].values())) for e in body["elements"]
    }
    assert len(days) == len(body["elements"]) == 3 * 4  # campaigns 7001-7003, Jan 30 - Feb 2
    jan_31 = [e for e in body["elements"] if e["dateRange"]["start"]["day"] == 31]
    assert {e["costInLocalCurrency"] for e in jan_31} == {"31.25"}  # restated in February
    assert set(default_fields["elements"][0]) == {"impressions", "clicks"}
    assert encoded.status == 400 and encoded.json()["code"] == "ILLEGAL_ARGUMENT"
