"""Invalid values never publish (issue 12 item 3; docs/real-inputs.md §1, docs/resilience.md §3):
raw quarantines every timestamp and date outside [CLOSEDLOOP_TIMESTAMP_MIN, load time +
CLOSEDLOOP_TIMESTAMP_MAX_FUTURE_DAYS] and every `infinity` / `-infinity` / `NaN` in a time or
number field, in every format: ISO strings (HubSpot, Segment), plain dates (Google, Meta,
LinkedIn parts, targets CSVs) and epochs (SendGrid). The minimal landing plus one file per
format: each invalid value is one quarantine row (landing-relative file, locator, reason with
field, value and why), the good records of the same file load.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import duckdb
import pytest

from closedloop.settings import Settings
from ingestion.contracts import BY_NAME
from ingestion.time_checks import TimeWindow
from ingestion.validate import validate
from tests.ingestion.test_record_problems import _google, _li, _web
from tests.support.minimal_landing import write_minimal_landing
from tests.support.minimal_landing.files import iso, write_json
from tests.support.minimal_landing.hubspot import _contact
from tests.support.minimal_landing.sendgrid import _event
from tests.support.real_inputs import load_raw
from tests.support.tiny_pipeline import TinyBuild

BEFORE = " is before 1990-01-01 (CLOSEDLOOP_TIMESTAMP_MIN)"
AFTER = " is after the load time + 1 day (CLOSEDLOOP_TIMESTAMP_MAX_FUTURE_DAYS)"
NOT_FINITE_TS = " is not a finite timestamp"
NOT_FINITE_DATE = " is not a finite date"

CONTACTS = "hubspot/contacts/2025-03-20/page-000001.json"
DEALS = "hubspot/deals/2025-03-20/page-000001.json"
GOOGLE = "google_ads/campaign_report/1234567890/2025-04/page-000001.json"
META = "meta_ads/insights/act_2345678901/2025-04/page-000001.json"
LINKEDIN = "linkedin_ads/ad_analytics/2025-04.json"
SENDGRID = "sendgrid/events/2025-03-20/batch-000001.json"
WEB = "web/events/2025-03-20/part-000.jsonl"
QUOTAS = "targets/quotas.csv"
FX = "targets/fx_rates.csv"


def _contacts() -> list[dict]:
    rows = [_contact(901 + n, "2025-03-20", "lead") for n in range(7)]
    rows[0]["properties"]["hs_lifecyclestage_lead_date"] = ""  # optional, '' is absent
    rows[0]["properties"]["hs_lifecyclestage_customer_date"] = None
    rows[1]["createdAt"] = "1900-01-01T00:00:00.000Z"
    rows[2]["updatedAt"] = "-infinity"
    # An optional date: the record is the smallest unit that holds it (docs/real-inputs.md §1).
    rows[3]["properties"]["hs_lifecyclestage_customer_date"] = "1900-01-01"
    rows[4]["properties"]["hs_lifecyclestage_lead_date"] = "Infinity"
    rows[5]["properties"]["hs_lifecyclestage_marketingqualifiedlead_date"] = "NaN"
    rows[6]["updatedAt"] = "2999-01-01T00:00:00.000Z"
    return rows


def _deal(n: int, **changes) -> dict:
    props = {"dealname": f"Deal {n}", "amount": "5000", "dealstage": "closedwon"}
    props |= {"closedate": iso("2025-04-30"), "createdate": iso("2025-03-01"), **changes}
    return {"id": str(950 + n), "createdAt": iso("2025-03-01"), "updatedAt": iso("2025-03-20"),
            "properties": props}  # fmt: skip


DEAL_ROWS = [
    _deal(0, closedate="2099-06-30T00:00:00.000Z"),  # a planned date may lie ahead
    _deal(1, amount="NaN"),
    _deal(2, closedate="-infinity"),
    _deal(3, createdate="1989-12-31T23:59:59.000Z"),
]


def _meta(day: str, stop: str | None = None, spend: str = "10.00") -> dict:
    ids = {"account_id": "2345678901", "campaign_id": "23850001", "account_currency": "EUR"}
    return {**ids, "date_start": day, "date_stop": stop or day, "spend": spend}


META_ROWS = [
    _meta("2025-04-01"),
    _meta("-infinity"),
    _meta("2025-04-02", stop="1899-12-31"),
    _meta("2025-04-03", spend="-Infinity"),
]


def _linkedin() -> list[dict]:
    rows = [_li(d, costInLocalCurrency="1.00") for d in (1, 2, 3)]
    for row in rows:
        row["dateRange"] = json.loads(json.dumps(row["dateRange"]))
        row["dateRange"]["start"]["month"] = row["dateRange"]["end"]["month"] = 4
    rows[1]["dateRange"]["start"]["year"] = 1900
    rows[2]["dateRange"]["end"]["year"] = 1980  # optional end date: checked when sent
    return rows


def _sendgrid() -> list[dict]:
    rows = [_event(900 + n, "delivered", "2025-03-20") for n in range(4)]
    rows[1]["timestamp"] = 100  # 1970-01-01T00:01:40Z
    rows[2]["timestamp"] = "-Infinity"
    rows[3]["timestamp"] = 4102444800  # 2100-01-01
    return rows


def _web_rows() -> list[dict]:
    rows = [_web(f"inv-{n}", {"path": "/pricing"}) for n in range(5)]
    rows[1]["timestamp"] = "1900-01-01T00:00:00.000Z"
    rows[2]["timestamp"] = "-infinity"
    rows[3]["receivedAt"] = "infinity"  # optional
    rows[4]["sentAt"] = "NaN"  # optional
    return rows


QUOTA_CSV = """owner_id,owner_email,period_start,period_end,quota_amount,currency
101,a@corp.example,2025-01-01,2025-03-31,30000.00,USD
101,a@corp.example,2099-01-01,2099-03-31,30000.00,USD
102,b@corp.example,1900-01-01,1900-03-31,30000.00,USD
103,c@corp.example,2025-01-01,2025-03-31,infinity,USD
104,d@corp.example,2025-01-01,infinity,40000.00,USD
"""
FX_CSV = """date,currency,rate_to_usd
2025-01-01,EUR,1.08
infinity,EUR,1.08
2025-01-02,EUR,NaN
1989-12-31,GBP,1.27
"""


def _write(landing: Path) -> None:
    write_json(landing / CONTACTS, {"results": _contacts()})
    write_json(landing / DEALS, {"results": DEAL_ROWS})
    rows = [
        _google("2025-04-01", '"2500000"'),
        _google("1900-01-01", '"2500000"'),
        _google("infinity", '"2500000"'),
        _google("2025-04-02", '"NaN"'),
    ]
    write_json(landing / META, {"data": META_ROWS})
    write_json(landing / LINKEDIN, {"elements": _linkedin(), "paging": {"start": 0}})
    write_json(landing / SENDGRID, _sendgrid())
    texts = {
        GOOGLE: '{"results": [' + ", ".join(rows) + "]}",
        WEB: "".join(json.dumps(r) + "\n" for r in _web_rows()),
        QUOTAS: QUOTA_CSV,
        FX: FX_CSV,
    }
    for rel, text in texts.items():
        (landing / rel).parent.mkdir(parents=True, exist_ok=True)
        (landing / rel).write_text(text)


@pytest.fixture(scope="module")
def raw(tmp_path_factory) -> TinyBuild:
    work = tmp_path_factory.mktemp("invalid_values")
    landing = write_minimal_landing(work / "landing")
    _write(landing)
    return TinyBuild(landing, load_raw(work, landing), 0, "")


def _reasons(raw: TinyBuild, file: str) -> dict[str, str]:
    return dict(raw.query("SELECT locator, reason FROM raw._quarantine WHERE _file = ?", [file]))


def _loaded(raw: TinyBuild, table: str, column: str, file: str) -> list:
    rows = raw.query(f"SELECT {column} FROM raw.{table} WHERE _file = ? ORDER BY 1", [file])
    return [r[0] for r in rows]


def test_iso_timestamps_required_and_optional(raw):
    assert _reasons(raw, CONTACTS) == {
        "results[1]": f"invalid_value: createdAt=1900-01-01T00:00:00.000Z{BEFORE}",
        "results[2]": f"invalid_value: updatedAt=-infinity{NOT_FINITE_TS}",
        "results[3]": "invalid_value: properties.hs_lifecyclestage_customer_date=1900-01-01"
        + BEFORE,
        "results[4]": "invalid_value: properties.hs_lifecyclestage_lead_date=Infinity"
        + NOT_FINITE_TS,
        "results[5]": "invalid_value: properties.hs_lifecyclestage_marketingqualifiedlead_date"
        f"=NaN{NOT_FINITE_TS}",
        "results[6]": f"future_timestamp: updatedAt=2999-01-01T00:00:00.000Z{AFTER}",
    }
    assert _loaded(raw, "hubspot__contacts", "id", CONTACTS) == ["901"]


def test_planned_dates_may_lie_ahead_but_are_finite(raw):
    assert _reasons(raw, DEALS) == {
        "results[1]": "invalid_value: properties.amount=NaN is not a finite number",
        "results[2]": f"invalid_value: properties.closedate=-infinity{NOT_FINITE_TS}",
        "results[3]": f"invalid_value: properties.createdate=1989-12-31T23:59:59.000Z{BEFORE}",
    }
    assert _loaded(raw, "hubspot__deals", "id", DEALS) == ["950"]


def test_plain_dates_of_the_ad_reports(raw):
    assert _reasons(raw, GOOGLE) == {
        "results[1]": f"invalid_value: segments.date=1900-01-01{BEFORE}",
        "results[2]": f"invalid_value: segments.date=infinity{NOT_FINITE_DATE}",
        "results[3]": "invalid_value: metrics.costMicros=NaN is not a finite number",
    }
    assert _loaded(raw, "google_ads__campaign_report", "segments__date", GOOGLE) == ["2025-04-01"]
    assert _reasons(raw, META) == {
        "data[1]": f"invalid_value: date_start=-infinity{NOT_FINITE_DATE}",
        "data[2]": f"invalid_value: date_stop=1899-12-31{BEFORE}",
        "data[3]": "invalid_value: spend=-Infinity is not a finite number",
    }
    assert _loaded(raw, "meta_ads__insights", "date_start", META) == ["2025-04-01"]
    assert _reasons(raw, LINKEDIN) == {
        "elements[1]": f"invalid_value: date_range__start=1900-04-02{BEFORE}",
        "elements[2]": f"invalid_value: date_range__end=1980-04-03{BEFORE}",
    }
    assert _loaded(raw, "linkedin_ads__ad_analytics", "date_range__start__day", LINKEDIN) == [1]


def test_epoch_seconds(raw):
    assert _reasons(raw, SENDGRID) == {
        "[1]": f"invalid_value: timestamp=100{BEFORE}",
        "[2]": "invalid_value: timestamp=-Infinity is not a finite number",
        "[3]": f"future_timestamp: timestamp=4102444800{AFTER}",
    }
    assert _loaded(raw, "sendgrid__events", "sg_event_id", SENDGRID) == ["evt-900"]
    reasons = raw.query("SELECT reason FROM raw._quarantine")
    assert not any(str(raw.landing) in reason for (reason,) in reasons)


def test_segment_event_timestamps(raw):
    assert _reasons(raw, WEB) == {
        "2": f"invalid_value: timestamp=1900-01-01T00:00:00.000Z{BEFORE}",
        "3": f"invalid_value: timestamp=-infinity{NOT_FINITE_TS}",
        "4": f"invalid_value: receivedAt=infinity{NOT_FINITE_TS}",
        "5": f"invalid_value: sentAt=NaN{NOT_FINITE_TS}",
    }
    assert _loaded(raw, "web__events", "message_id", WEB) == ["inv-0"]


def test_targets_csvs(raw):
    assert _reasons(raw, QUOTAS) == {
        "4": f"invalid_value: period_start=1900-01-01{BEFORE}",
        "5": "invalid_value: quota_amount=infinity is not a finite number",
        "6": f"invalid_value: period_end=infinity{NOT_FINITE_DATE}",
    }
    # A quota set ahead is a plan, not a future timestamp.
    assert _loaded(raw, "targets__quotas", "period_start", QUOTAS) == ["2025-01-01", "2099-01-01"]
    assert _reasons(raw, FX) == {
        "3": f"invalid_value: date=infinity{NOT_FINITE_DATE}",
        "4": "invalid_value: rate_to_usd=NaN is not a finite number",
        "5": f"invalid_value: date=1989-12-31{BEFORE}",
    }
    assert _loaded(raw, "targets__fx_rates", "date", FX) == ["2025-01-01"]


# --- the window comes from the settings ---------------------------------------------------


def _validate(tmp_path: Path, table: str, records: list[dict], window: TimeWindow) -> dict:
    con = duckdb.connect()
    con.execute("CREATE TEMP TABLE recs(_file VARCHAR, locator VARCHAR, payload VARCHAR)")
    rows = [[str(n), json.dumps(r)] for n, r in enumerate(records)]
    con.executemany("INSERT INTO recs VALUES ('f.json', ?, ?)", rows)
    at = "2025-06-01T12:00:00+00:00"
    lineage = {"_source": "t", "_batch_id": "b", "_loaded_at": at}
    out = tmp_path / "out.parquet"
    found = validate(con, BY_NAME[table], out=out, lineage=lineage, load_ts=at, window=window)
    return {q["locator"]: q["reason"] for q in found.quarantine}


def test_a_narrower_window_moves_both_bounds(tmp_path):
    times = ("2025-03-01T00:00:00Z", "2025-02-28T23:59:59Z", "2025-06-05T11:00:00Z")
    events = [{**_web(f"w{n}", {}), "timestamp": ts} for n, ts in enumerate(times)]
    window = TimeWindow(earliest=date(2025, 3, 1))
    assert _validate(tmp_path, "web__events", events, window) == {
        "1": f"invalid_value: timestamp={times[1]} is before 2025-03-01 (CLOSEDLOOP_TIMESTAMP_MIN)",
        "2": f"future_timestamp: timestamp={times[2]}{AFTER}",
    }
    wide = TimeWindow(earliest=window.earliest, future_days=7)
    assert list(_validate(tmp_path, "web__events", events, wide)) == ["1"]


MIN, DAYS = "CLOSEDLOOP_TIMESTAMP_MIN", "CLOSEDLOOP_TIMESTAMP_MAX_FUTURE_DAYS"


@pytest.mark.parametrize(("var", "value"), [(MIN, "01/01/1990"), (DAYS, "-1"), (DAYS, "a day")])
def test_a_bad_setting_is_a_one_line_error_naming_the_variable(monkeypatch, var, value):
    monkeypatch.setenv(var, value)
    with pytest.raises(ValueError) as raised:
        Settings.from_env()
    message = str(raised.value)
    assert var in message and repr(value) in message and "\n" not in message


def test_settings_defaults_work_on_a_laptop(monkeypatch):
    monkeypatch.delenv("CLOSEDLOOP_TIMESTAMP_MIN", raising=False)
    monkeypatch.setenv("CLOSEDLOOP_TIMESTAMP_MAX_FUTURE_DAYS", "")
    settings = Settings.from_env()
    assert (settings.timestamp_min, settings.timestamp_max_future_days) == (date(1990, 1, 1), 1)
