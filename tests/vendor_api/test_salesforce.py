"""Salesforce through its REST API (the fake on 127.0.0.1, docs/salesforce.md §3): the API
path loads the raw rows the files path loads from the same records; pages, the incremental
cursor, an expired token and a 503 are handled."""

from __future__ import annotations

import csv
import re
import shutil
from urllib.parse import parse_qs

import pytest

from ingestion.contracts import contracts_of
from tests.ingestion.api_support import query, rows, run
from tests.support.salesforce_landing import LEAD_1, LEAD_2, newest, write_salesforce_landing
from tests.support.vendor_api import serve
from tests.support.vendor_api.salesforce import state

TABLES = [c.name for c in contracts_of("salesforce")]


def _point_at(mp, api) -> None:
    for name, value in {
        "SALESFORCE_API_BASE_URL": api.base_url,
        "SALESFORCE_CLIENT_ID": api.tokens["salesforce_client_id"],
        "SALESFORCE_CLIENT_SECRET": api.tokens["salesforce_client_secret"],
        "CLOSEDLOOP_API_BACKOFF": "0.01",
        "CLOSEDLOOP_API_MAX_RETRY_DELAY": "0.05",
        "CLOSEDLOOP_API_MAX_ATTEMPTS": "4",
    }.items():
        mp.setenv(name, value)


def _soql(log, obj: str) -> list[str]:
    out = []
    for r in log:
        if r.path.endswith("/queryAll"):
            q = parse_qs(r.query)["q"][0]
            if re.search(rf"\bFROM {obj}\b", q):
                out.append(q)
    return out


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    work = tmp_path_factory.mktemp("salesforce_api")
    landing = write_salesforce_landing(work / "landing")
    with pytest.MonkeyPatch.context() as mp, serve(landing, page_size=2) as api:
        _point_at(mp, api)
        run("salesforce", "files", work / "files", landing)
        run("salesforce", "api", work / "api", landing)
        log = list(api.request_log)
    return work, landing, log


def test_api_gives_the_rows_of_the_files_path(both):
    work, _, log = both
    assert {r.status for r in log} == {200, 404}  # 404: describe of objects the org lacks
    for table in TABLES:
        assert rows(work / "api", table) == rows(work / "files", table), table
    assert len(rows(work / "api", "salesforce__lead")) == len(newest(LEAD_1, LEAD_2))


def test_pages_are_followed_and_fields_the_org_lacks_are_not_asked(both):
    work, _, log = both
    leads = len(newest(LEAD_1, LEAD_2))
    more = [r for r in log if "/query/" in r.path]
    assert len(more) >= -(-leads // 2) - 1 > 0  # page size 2: the lead query has a 2nd page
    (lead_soql,) = _soql(log, "Lead")
    header = LEAD_1.splitlines()[0].split(",")
    selected = re.match(r"SELECT (.*) FROM", lead_soql)[1].split(", ")
    assert set(selected) == set(header)  # e.g. Title is in the contract, not in this org
    assert lead_soql.endswith("FROM Lead ORDER BY SystemModstamp")
    assert query(work / "api", "select count(title) from raw.salesforce__lead") == [(0,)]
    assert {r[0] for r in query(work / "api", "select _source from raw.salesforce__lead")} == {
        "api"
    }


def test_second_run_asks_only_for_newer_records(both, tmp_path):
    work, landing, _ = both
    last = max(r["SystemModstamp"] for r in newest(LEAD_1, LEAD_2).values())
    landing2, data = tmp_path / "landing", tmp_path / "api"
    shutil.copytree(landing, landing2)
    shutil.copytree(work / "api", data)
    # A third extract: lead 1 changed after the first run.
    lead = newest(LEAD_2)["00Q000000000001AAA"]
    lead.update(Status="Accepted", SystemModstamp="2026-11-25T12:00:00.000+0000")
    with (landing2 / "salesforce" / "Lead" / "extract-3.csv").open("w", newline="") as fh:
        writer = csv.DictWriter(fh, list(lead), lineterminator="\n")
        writer.writeheader()
        writer.writerow(lead)
    before = dict(query(data, "select id, _batch_id from raw.salesforce__lead"))
    with pytest.MonkeyPatch.context() as mp, serve(landing2, page_size=2) as api:
        _point_at(mp, api)
        run("salesforce", "api", data, landing2, tables=["salesforce__lead"])
        log = list(api.request_log)
    (soql,) = _soql(log, "Lead")
    bound = last[:19] + "Z"  # 2026-10-20T09:30:00.000+0000 -> 2026-10-20T09:30:00Z
    assert soql.endswith(f"FROM Lead WHERE SystemModstamp > {bound} ORDER BY SystemModstamp")
    got = dict(query(data, "select id, status from raw.salesforce__lead"))
    assert got["00Q000000000001AAA"] == "Accepted"
    after = dict(query(data, "select id, _batch_id from raw.salesforce__lead"))
    assert after.keys() == before.keys()
    # Only the changed lead was read again.
    assert {k for k in after if after[k] != before[k]} == {"00Q000000000001AAA"}


def test_expired_token_and_503_are_recovered(both, tmp_path):
    work, landing, _ = both
    with (
        pytest.MonkeyPatch.context() as mp,
        serve(landing, page_size=2, fail_after=4, fail_times=1) as api,
    ):
        _point_at(mp, api)
        state(api).expire_after = 2  # the lead query's second page finds the token expired
        run("salesforce", "api", tmp_path / "api", landing)
        log = list(api.request_log)
    statuses = [r.status for r in log]
    assert statuses.count(503) == 1 and 401 in statuses
    for i, r in enumerate(log):
        if r.status == 401:  # a new token, then the same request again
            assert log[i + 1].path == "/services/oauth2/token"
            assert (log[i + 2].path, log[i + 2].query) in {(r.path, r.query)}
    for table in TABLES:
        assert rows(tmp_path / "api", table) == rows(work / "files", table), table
