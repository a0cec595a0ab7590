"""Every landing file parses as its vendor's format (except the records listed as malformed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

HUBSPOT_OBJECTS = ("contacts", "companies", "deals", "calls", "meetings", "emails")


def _pages(folder: Path) -> list[Path]:
    return sorted(folder.glob("page-*.json"))


@pytest.mark.parametrize("obj", HUBSPOT_OBJECTS)
def test_hubspot_pagination_chains_resolve(landing, obj):
    snapshots = sorted((landing / "hubspot" / obj).iterdir())
    assert [s.name for s in snapshots] == ["2025-07-01", "2026-01-01", "2026-07-01"]
    for snap in snapshots:
        pages = _pages(snap)
        assert pages, snap
        assert [p.name for p in pages] == [f"page-{i:06d}.json" for i in range(1, len(pages) + 1)]
        for i, page in enumerate(pages):
            body = json.loads(page.read_bytes())
            if i < len(pages) - 1:
                after = body["paging"]["next"]["after"]
                assert f"after={after}" in body["paging"]["next"]["link"]
                assert len(body["results"]) == 100
            else:
                assert "paging" not in body
                assert 1 <= len(body["results"]) <= 100


def test_hubspot_property_values_are_strings_or_null(landing):
    seen = 0
    for page in (landing / "hubspot").rglob("page-*.json"):
        for obj in json.loads(page.read_bytes())["results"]:
            for key, value in obj.get("properties", {}).items():
                assert value is None or isinstance(value, str), (page, key, value)
                seen += 1
            for key, history in obj.get("propertiesWithHistory", {}).items():
                stamps = [h["timestamp"] for h in history]
                assert stamps == sorted(stamps, reverse=True), (page, key)
                assert all(isinstance(h["value"], str) for h in history)
    assert seen > 1000


def test_hubspot_listings(landing):
    owners = json.loads((landing / "hubspot/owners/page-000001.json").read_bytes())["results"]
    assert {o["teams"][0]["name"][:3] for o in owners} == {"SDR", "AE "}
    pipeline = json.loads((landing / "hubspot/pipelines/deals.json").read_bytes())["results"][0]
    ids = [s["id"] for s in pipeline["stages"]]
    assert ids[0] == "qualificationcall" and {"closedwon", "closedlost"} <= set(ids)
    assert all(isinstance(s["metadata"]["probability"], str) for s in pipeline["stages"])


def test_deal_contact_associations_carry_roles(landing):
    labels = set()
    for page in (landing / "hubspot" / "deals").rglob("page-*.json"):
        for deal in json.loads(page.read_bytes())["results"]:
            for a in deal["associations"].get("contacts", {}).get("results", []):
                labels.add(a["label"])
    assert {"Champion", "Decision Maker"} <= labels


def test_google_ads_int64_fields_are_strings(landing, bad_locations):
    months = sorted((landing / "google_ads/campaign_report/1234567890").iterdir())
    assert len(months) == 18
    rows = 0
    for month in months:
        pages = _pages(month)
        for i, page in enumerate(pages):
            body = json.loads(page.read_bytes())
            assert ("nextPageToken" in body) == (i < len(pages) - 1)
            rel = str(page.relative_to(landing))
            for j, r in enumerate(body["results"]):
                m = r["metrics"]
                assert isinstance(r["customer"]["id"], str)
                assert r["customer"]["currencyCode"] == "USD"
                assert all(isinstance(m[k], str) for k in ("impressions", "clicks", "costMicros"))
                if (rel, f"results[{j}]") not in bad_locations:
                    assert int(m["impressions"]) >= int(m["clicks"]) >= 0
                    assert int(m["costMicros"]) >= 0
                    rows += 1
    assert rows > 1000


def test_meta_numbers_are_strings_and_cursor_paging(landing):
    months = sorted((landing / "meta_ads/insights/act_2345678901").iterdir())
    assert len(months) == 18
    for month in months:
        pages = _pages(month)
        for i, page in enumerate(pages):
            body = json.loads(page.read_bytes())
            assert ("next" in body["paging"]) == (i < len(pages) - 1)
            assert "after" in body["paging"]["cursors"]
            for r in body["data"]:
                assert r["account_currency"] == "EUR"
                assert all(isinstance(r[k], str) for k in ("impressions", "clicks", "spend"))
                assert all(isinstance(a["value"], str) for a in r["actions"])


def test_linkedin_ad_analytics_shape(landing):
    accounts = json.loads((landing / "linkedin_ads/accounts.json").read_bytes())["elements"]
    assert accounts[0]["currency"] == "GBP"
    campaigns = json.loads((landing / "linkedin_ads/campaigns.json").read_bytes())["elements"]
    assert all(c["account"].startswith("urn:li:sponsoredAccount:") for c in campaigns)
    files = sorted((landing / "linkedin_ads/ad_analytics").glob("*.json"))
    assert len(files) == 18
    for f in files:
        for e in json.loads(f.read_bytes())["elements"]:
            assert e["pivotValues"][0].startswith("urn:li:sponsoredCampaign:")
            assert set(e["dateRange"]) == {"start", "end"}
            assert isinstance(e["costInLocalCurrency"], str)


def test_sendgrid_batches_are_arrays_with_required_keys(landing, defects, bad_locations):
    unreadable = {d["file"] for d in defects if d["defect"] == "unreadable_file"}
    assert len(unreadable) == 1
    required = {"email", "timestamp", "event", "sg_event_id", "sg_message_id", "category"}
    events = 0
    for f in sorted((landing / "sendgrid/events").rglob("batch-*.json")):
        rel = str(f.relative_to(landing))
        if rel in unreadable:
            with pytest.raises(json.JSONDecodeError):
                json.loads(f.read_bytes())
            continue
        batch = json.loads(f.read_bytes())
        assert isinstance(batch, list) and batch
        for i, ev in enumerate(batch):
            if (rel, f"[{i}]") in bad_locations:
                continue
            assert required <= set(ev), (rel, i)
            assert isinstance(ev["timestamp"], int)
            if ev["event"] == "click":
                assert "utm_medium=email" in ev["url"]
            if ev["event"] == "open":
                assert isinstance(ev["sg_machine_open"], bool)
            events += 1
    assert events > 1000
    sends = json.loads((landing / "sendgrid/singlesends/page-000001.json").read_bytes())
    assert {"nurture", "newsletter"} <= {c for s in sends["result"] for c in s["categories"]}


def test_web_jsonl_lines_parse_except_listed_truncated(landing, defects):
    truncated = {(d["file"], d["locator"]) for d in defects if d["defect"] == "truncated_json"}
    assert truncated
    failures, forms = set(), 0
    for f in sorted((landing / "web/events").rglob("part-*.jsonl")):
        rel = str(f.relative_to(landing))
        for n, line in enumerate(f.read_bytes().splitlines(), 1):
            try:
                ev = json.loads(line)
            except json.JSONDecodeError:
                failures.add((rel, str(n)))
                continue
            assert ev["type"] in ("page", "track", "identify")
            assert "sessionId" in ev["context"] and ev["anonymousId"]
            if ev["type"] == "track" and ev["event"] == "Form Submitted":
                assert "@" in ev["properties"]["email"]
                forms += 1
    assert failures == truncated
    assert forms > 100


def test_targets(landing):
    quotas = (landing / "targets/quotas.csv").read_text().splitlines()
    assert quotas[0] == "owner_id,owner_email,period_start,period_end,quota_amount,currency"
    fx = (landing / "targets/fx_rates.csv").read_text().splitlines()
    assert fx[0] == "date,currency,rate_to_usd"
    usd = [r for r in fx[1:] if ",USD," in r]
    assert usd and all(r.endswith(",1.000000") for r in usd)
    assert len(fx) - 1 == 3 * 546
