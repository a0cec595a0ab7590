"""The vendor-API path against the fake vendor APIs (real HTTP on 127.0.0.1).

Each vendor loaded through its API must give the raw rows the files path gives from the same
landing folder. The API serves the vendors' current state, so what differs is subtracted
explicitly: HubSpot contacts merged away since a snapshot (and archived objects) are no longer
listed, and LinkedIn's analytics finder returns only campaigns of the requested accounts (the
landing's malformed row of an unknown campaign is not served, so it is not quarantined).
"""

from __future__ import annotations

import json
import threading
from datetime import UTC, date, datetime, timedelta

import pytest
from dlt.pipeline.exceptions import PipelineStepFailed

from ingestion.contracts import contracts_of
from ingestion.webhooks.sendgrid import make_server
from tests.ingestion.api_support import point_at, quarantined, query, rows, run
from tests.ingestion.webhook_signing import WebhookKey
from tests.support.vendor_api import replay_sendgrid_webhooks, serve

API_VENDORS = ("hubspot", "google_ads", "meta_ads", "linkedin_ads", "sendgrid")


@pytest.fixture(scope="module")
def both_paths(tiny_landing, tmp_path_factory):
    """Every API vendor loaded once through files and once through the API (small pages),
    into two warehouses."""
    data = tmp_path_factory.mktemp("api_vs_files")
    with pytest.MonkeyPatch.context() as mp, serve(tiny_landing, page_size=17) as api:
        point_at(mp, api, tiny_landing)
        mp.setenv("CLOSEDLOOP_LANDING_DIR", str(tiny_landing))
        for vendor in API_VENDORS:
            run(vendor, "files", data / "files")
            run(vendor, "api", data / "api")
        log = list(api.request_log)
    return data, log


def _merged_away(landing) -> set[str]:
    import csv

    with (landing / "_truth" / "malformed.csv").open() as fh:
        return {
            m["locator"].removeprefix("id=")
            for m in csv.DictReader(fh)
            if m["defect"] == "merged_contact"
        }


def test_paging_was_exercised(both_paths):
    _, log = both_paths
    assert {r.status for r in log} == {200}
    for vendor in ("hubspot", "google_ads", "meta_ads", "linkedin_ads"):
        assert len([r for r in log if r.vendor == vendor and r.status == 200]) > 3, vendor
    searches = [r for r in log if r.path.endswith("googleAds:search")]
    assert len(searches) > 2  # the POST-body page token was followed


@pytest.mark.parametrize("vendor", API_VENDORS)
def test_api_gives_the_rows_of_the_files_path(both_paths, tiny_landing, vendor):
    data, _ = both_paths
    gone = _merged_away(tiny_landing)
    for contract in contracts_of(vendor):
        files = rows(data / "files", contract.name)
        via_api = rows(data / "api", contract.name)
        expected = {
            k: v for k, v in files.items() if not (contract.source == "hubspot" and k[0] in gone)
        }
        assert set(via_api) == set(expected), contract.name
        assert via_api == expected, contract.name
        q_files, q_api = (
            quarantined(data / "files", contract.name),
            quarantined(data / "api", contract.name),
        )
        if contract.name == "linkedin_ads__ad_analytics":
            assert q_api < q_files
        else:
            assert q_api == q_files, contract.name
    if vendor == "hubspot":
        assert gone and not gone & {k[0] for k in rows(data / "api", "hubspot__contacts")}
        assert gone <= {k[0] for k in rows(data / "files", "hubspot__contacts")}


def test_rate_limits_and_dropped_connections_are_retried(env, monkeypatch, both_paths):
    data, _ = both_paths
    with serve(
        env.landing, rate_limit_every=3, fail_after=2, fail_mode="drop", fail_times=1
    ) as api:
        point_at(monkeypatch, api, env.landing)
        run("linkedin_ads", "api", env.data / "api")
        statuses = [r.status for r in api.request_log]
    assert 429 in statuses and 0 in statuses and statuses[-1] == 200
    for table in ("linkedin_ads__campaigns", "linkedin_ads__ad_analytics"):
        assert rows(env.data / "api", table) == rows(data / "api", table)


def test_failure_half_way_then_rerun_equals_one_clean_run(env, monkeypatch, both_paths):
    data, _ = both_paths
    tables = ["hubspot__contacts", "hubspot__deals"]
    with serve(env.landing, page_size=17, fail_after=12) as api:
        point_at(monkeypatch, api, env.landing)
        with pytest.raises(PipelineStepFailed):
            run("hubspot", "api", env.data / "api", tables=tables)
        assert 500 in {r.status for r in api.request_log}
        with api.faults.lock:
            api.faults.fail_after = None
        run("hubspot", "api", env.data / "api", tables=tables)
    for table in tables:
        assert rows(env.data / "api", table) == rows(data / "api", table)
        assert query(env.data / "api", f"SELECT count(DISTINCT _batch_id) FROM raw.{table}") == [
            (1,)
        ]


def _new_requests(api, since: int) -> list:
    return api.request_log[since:]


def test_hubspot_incremental_reads_only_modified_objects(env, monkeypatch):
    tables = ["hubspot__contacts", "hubspot__deals"]
    wh = env.data / "api"
    with serve(env.landing, page_size=50) as api:
        point_at(monkeypatch, api, env.landing)
        run("hubspot", "api", wh, tables=tables)
        before = rows(wh, "hubspot__contacts")
        n = len(api.request_log)
        run("hubspot", "api", wh, tables=tables)  # nothing changed
        second = _new_requests(api, n)
    assert {(r.method, r.path) for r in second} == {
        ("POST", "/crm/v3/objects/contacts/search"),
        ("POST", "/crm/v3/objects/deals/search"),
        ("GET", "/crm/v3/pipelines/deals"),
    }  # the stage enum of the deals check
    assert rows(wh, "hubspot__contacts") == before
    assert query(wh, "SELECT count(DISTINCT _batch_id) FROM raw.hubspot__contacts") == [(1,)]

    # One contact changes in HubSpot (a newer export of it is what the fake serves).
    page = sorted(env.landing.glob("hubspot/contacts/*/page-*.json"))[-1]
    body = json.loads(page.read_text())
    contact = next(
        r for r in body["results"] if r.get("id") and str(r["id"]) in {k[0] for k in before}
    )
    stamp = (datetime.now(UTC) - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    contact["updatedAt"] = contact["properties"]["lastmodifieddate"] = stamp
    contact["properties"]["jobtitle"] = "Chief Incremental Officer"
    newer = env.landing / "hubspot" / "contacts" / "2026-11-01" / "page-000001.json"
    newer.parent.mkdir()
    newer.write_text(json.dumps({"results": [contact]}))
    with serve(env.landing, page_size=50) as api:
        point_at(monkeypatch, api, env.landing)
        run("hubspot", "api", wh, tables=tables)
        searches = [r for r in api.request_log if r.method == "POST"]
        lists = {
            r.path
            for r in api.request_log
            if r.path.startswith("/crm/v3/objects/") and r.method == "GET"
        }
    assert len(searches) == 2 and lists == {"/crm/v3/objects/contacts"}  # deals unchanged
    changed = query(
        wh,
        "SELECT id, properties->>'$.jobtitle', updated_at FROM "
        "raw.hubspot__contacts WHERE _batch_id = (SELECT max(_batch_id) FROM "
        "raw.hubspot__contacts)",
    )
    assert changed == [(str(contact["id"]), "Chief Incremental Officer", stamp)]
    assert len(rows(wh, "hubspot__contacts")) == len(before)


def test_google_ads_incremental_rereads_only_the_restatement_window(env, monkeypatch):
    wh = env.data / "api"
    with serve(env.landing) as api:
        point_at(monkeypatch, api, env.landing)
        run("google_ads", "api", wh)
        first = rows(wh, "google_ads__campaign_report")
        run("google_ads", "api", wh)
    newest = max(k[2] for k in first)
    reloaded = query(
        wh,
        "SELECT min(segments__date), count(*) FROM "
        "raw.google_ads__campaign_report WHERE _batch_id = (SELECT max(_batch_id) "
        "FROM raw.google_ads__campaign_report)",
    )
    window_start = (date.fromisoformat(newest) - timedelta(days=3)).isoformat()
    assert reloaded[0][0] == window_start and 0 < reloaded[0][1] < len(first) / 10
    assert rows(wh, "google_ads__campaign_report") == first


def test_sendgrid_events_through_the_webhook_receiver_equal_the_files(
    tmp_path, both_paths, tiny_landing
):
    data, _ = both_paths
    received = tmp_path / "received"
    key = WebhookKey()  # signed as SendGrid signs, verified by the receiver
    server = make_server(received, port=0, verifier=key.verifier())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        sent = replay_sendgrid_webhooks(
            tiny_landing, f"http://127.0.0.1:{server.server_address[1]}/", signer=key.sign
        )
    finally:
        server.shutdown()
        server.server_close()
    assert sent == len(list(received.glob("sendgrid/events/*/batch-*.json")))
    run("sendgrid", "files", tmp_path / "wh", landing=received, tables=["sendgrid__events"])
    assert rows(tmp_path / "wh", "sendgrid__events") == rows(data / "files", "sendgrid__events")
    assert quarantined(tmp_path / "wh", "sendgrid__events") == quarantined(
        data / "files", "sendgrid__events"
    )
