"""Record and file problems quarantine at the smallest unit that holds them (issue 11, item 2;
docs/real-inputs.md §1), through the real raw assets and then dbt.

One hand-made landing: the minimal landing plus
- a LinkedIn adAnalytics page (CAMPAIGN pivot, fields as the API names them) with a row that
  has only `costInUsd`, one with neither cost (`missing_required: a|b`), an empty
  `pivotValues` (`missing_key`), an `impressions` overflowing BIGINT and `NaN` / `Infinity`
  costs; and a page in which no row has a cost at all (one file-level row);
- a Google Ads `googleAds:search` page with `costMicros` "1.5" (never rounded), an
  overflowing `costMicros`, a bare `NaN` number and a "-Infinity" string;
- a Segment JSONL part with a record nested 40 levels deep and one with an empty messageId.
Every other file, resource and vendor loads.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.minimal_landing import write_minimal_landing
from tests.support.minimal_landing.files import write_json
from tests.support.real_inputs import load_and_build

LINKEDIN = "linkedin_ads/ad_analytics/2025-03.json"
LINKEDIN_NO_COST = "linkedin_ads/ad_analytics/2025-04.json"
GOOGLE = "google_ads/campaign_report/1234567890/2025-03/page-000001.json"
WEB = "web/events/2025-01-05/part-000.jsonl"


def _li(day: int, **metrics) -> dict:
    when = {"year": 2025, "month": 3, "day": day}
    return {
        "pivotValues": ["urn:li:sponsoredCampaign:7001"],
        "dateRange": {"start": when, "end": when},
        "impressions": 900,
        "clicks": 4,
        **metrics,
    }


LINKEDIN_ROWS = [
    _li(1, costInLocalCurrency="12.34", costInUsd="15.67"),
    _li(2, costInUsd="20.05"),
    _li(3),
    {**_li(4, costInLocalCurrency="1.00"), "pivotValues": []},
    _li(5, costInLocalCurrency="2.00", impressions=99999999999999999999),
    _li(6, costInLocalCurrency="NaN"),
    _li(7, costInLocalCurrency="1.00", costInUsd="Infinity"),
]


def _google(day: str, cost: str, conversions: str = "1.0", impressions: str = '"100"') -> str:
    # Text, not json.dumps: a bare NaN is not standard JSON but DuckDB (and Python) read it.
    return (
        '{"customer": {"resourceName": "customers/1234567890", "id": "1234567890", '
        '"currencyCode": "USD"}, "campaign": {"resourceName": '
        '"customers/1234567890/campaigns/111", "id": "111", "name": "Brand - Search"}, '
        f'"segments": {{"date": "{day}"}}, "metrics": {{"impressions": {impressions}, '
        f'"clicks": "3", "costMicros": {cost}, "conversions": {conversions}}}}}'
    )


GOOGLE_ROWS = [
    _google("2025-03-01", '"2500000"'),
    _google("2025-03-02", '"1.5"'),
    _google("2025-03-03", '"99999999999999999999"'),
    _google("2025-03-04", '"1000000"', conversions="NaN"),
    _google("2025-03-05", '"1000000"', impressions='"-Infinity"'),
]


def _deep(levels: int) -> dict:
    value: dict = {"leaf": 1}
    for _ in range(levels - 2):
        value = {"n": value}
    return value


def _web(message_id: str, properties: dict) -> dict:
    return {
        "messageId": message_id,
        "type": "page",
        "anonymousId": "anon-1",
        "timestamp": "2025-01-05T10:00:00.000Z",
        "context": {"page": {"path": "/pricing"}},
        "properties": properties,
    }


def _write(landing: Path) -> None:
    write_json(landing / LINKEDIN, {"elements": LINKEDIN_ROWS, "paging": {"start": 0}})
    no_cost = [_li(d) for d in (1, 2, 3)]
    for row in no_cost:
        row["dateRange"]["start"]["month"] = row["dateRange"]["end"]["month"] = 4
    write_json(landing / LINKEDIN_NO_COST, {"elements": no_cost, "paging": {"start": 0}})
    (landing / GOOGLE).parent.mkdir(parents=True, exist_ok=True)
    (landing / GOOGLE).write_text('{"results": [' + ", ".join(GOOGLE_ROWS) + "]}")
    lines = [_web("web-1", {"path": "/pricing"}), _web("web-deep", _deep(40)), _web("", {})]
    (landing / WEB).parent.mkdir(parents=True, exist_ok=True)
    (landing / WEB).write_text("".join(json.dumps(x) + "\n" for x in lines))


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    work = tmp_path_factory.mktemp("record_problems")
    landing = write_minimal_landing(work / "landing")
    _write(landing)
    select = [
        "stg_linkedin_ads__ad_analytics",
        "stg_google_ads__campaign_report",
        "stg_web__events",
    ]
    done = load_and_build(work, landing, select)
    assert done.dbt_returncode == 0, done.dbt_output[-3000:]
    return done


def _reasons(build, file: str) -> dict[str, str]:
    rows = build.query("SELECT locator, reason FROM raw._quarantine WHERE _file = ?", [file])
    return dict(rows)


def test_linkedin_cost_groups_empty_pivots_and_unrepresentable_numbers(build):
    assert _reasons(build, LINKEDIN) == {
        "elements[2]": "missing_required: costInLocalCurrency|costInUsd",
        "elements[3]": "missing_key: pivot_value",
        "elements[4]": "invalid_value: impressions=99999999999999999999 overflows BIGINT",
        "elements[5]": "invalid_value: costInLocalCurrency=NaN is not a finite number",
        "elements[6]": "invalid_value: costInUsd=Infinity is not a finite number",
    }
    raw = build.query(
        "SELECT date_range__start__day, cost_in_local_currency, cost_in_usd "
        "FROM raw.linkedin_ads__ad_analytics WHERE _file = ? ORDER BY 1",
        [LINKEDIN],
    )
    assert raw == [(1, "12.34", "15.67"), (2, None, "20.05")]
    staged = build.query(
        "SELECT count(*), sum(spend_usd)::DECIMAL(18, 2)::VARCHAR "
        "FROM staging.stg_linkedin_ads__ad_analytics "
        "WHERE date_day BETWEEN DATE '2025-03-01' AND DATE '2025-03-31'"
    )
    assert staged == [(2, "35.72")]


def test_a_page_without_any_cost_is_one_file_row_naming_the_group_and_the_file(build):
    assert _reasons(build, LINKEDIN_NO_COST) == {
        "": "file_missing_required: costInLocalCurrency|costInUsd missing from every record "
        f"of {LINKEDIN_NO_COST} (linkedin_ads__ad_analytics)"
    }
    kinds = build.query(
        "SELECT DISTINCT reason_kind FROM raw._quarantine WHERE _file = ?", [LINKEDIN_NO_COST]
    )
    assert kinds == [("file_missing_required",)]


def test_google_fractional_micros_are_never_rounded(build):
    assert _reasons(build, GOOGLE) == {
        "results[1]": "invalid_value: metrics.costMicros=1.5 is not an integer",
        "results[2]": "invalid_value: metrics.costMicros=99999999999999999999 overflows BIGINT",
        "results[3]": "invalid_value: metrics.conversions=NaN is not a finite number",
        "results[4]": "invalid_value: metrics.impressions=-Infinity is not a finite number",
    }
    raw = build.query(
        "SELECT segments__date, metrics__cost_micros FROM raw.google_ads__campaign_report "
        "WHERE _file = ?",
        [GOOGLE],
    )
    assert raw == [("2025-03-01", "2500000")]


def test_deep_records_and_empty_keys_in_jsonl(build):
    assert _reasons(build, WEB) == {
        "2": "invalid_value: JSON nested deeper than 32 levels",
        "3": "missing_required: messageId",
    }
    assert build.query("SELECT message_id FROM raw.web__events") == [("web-1",)]
    assert build.query("SELECT count(*) FROM staging.stg_web__events") == [(1,)]


def test_other_files_resources_and_vendors_load(build):
    counts = {
        table: build.query(f"SELECT count(*) FROM raw.{table}")[0][0]
        for table in (
            "linkedin_ads__accounts",
            "linkedin_ads__campaigns",
            "hubspot__contacts",
            "meta_ads__insights",
            "sendgrid__events",
        )
    }
    assert counts == {
        "linkedin_ads__accounts": 2,
        "linkedin_ads__campaigns": 6,
        "hubspot__contacts": counts["hubspot__contacts"],
        "meta_ads__insights": counts["meta_ads__insights"],
        "sendgrid__events": 4,
    }
    assert counts["hubspot__contacts"] > 0 and counts["meta_ads__insights"] > 0
    # The minimal landing's other LinkedIn months (January, February) loaded whole.
    months = build.query(
        "SELECT DISTINCT date_range__start__month FROM raw.linkedin_ads__ad_analytics ORDER BY 1"
    )
    assert months == [(1,), (2,), (3,)]
    reasons = [r[0] for r in build.query("SELECT reason FROM raw._quarantine")]
    assert not any(str(build.landing) in r for r in reasons)
