"""SendGrid event webhook bodies as SendGrid sends them (issue 11, items 2 and 3).

One hand-made landing (the minimal landing plus the batches under payloads/validator/, shaped
as SendGrid's Event Webhook reference shows them) loaded through the real raw assets, then
`dbt build` of the SendGrid staging models:
- batches with and without optional fields, `category` as a string or an array;
- a body without `sg_event_id`: a derived key (md5 of the canonical event JSON), and its
  redelivery (other spacing and field order) stored once;
- timestamps in seconds load; milliseconds, negative, out of range, overflowing and fractional
  ones are record-level `invalid_value` quarantines (never "future", never an exception);
- a batch whose every event lacks `email` is one file-level quarantine row;
- undeclared fields (`response`, `attempt`, `tls`, `url_offset`, unique args) are in `_extra`.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from tests.support.minimal_landing import write_minimal_landing
from tests.support.real_inputs import load_and_build

PAYLOADS = Path(__file__).parent / "payloads" / "validator"
DAY = "sendgrid/events/2025-01-05"
BATCHES = {
    f"{DAY}/batch-000001.json": "sendgrid_documented_batch.json",
    f"{DAY}/batch-000002.json": "sendgrid_minimal_batch.json",
    f"{DAY}/batch-000003.json": "sendgrid_no_event_id_batch.json",
    f"{DAY}/batch-000004.json": "sendgrid_bad_timestamps_batch.json",
    f"{DAY}/batch-000005.json": "sendgrid_no_email_batch.json",
    "sendgrid/events/2025-01-06/batch-000001.json": "sendgrid_no_event_id_redelivery.json",
}
# The minimal landing's own events: evt-1..evt-4 (evt-3 delivered twice).
MINIMAL_EVENTS = 4


def _events(name: str) -> list[dict]:
    return json.loads((PAYLOADS / name).read_text())


def _derived_id(event: dict) -> str:
    """The documented derivation: md5 of the event's JSON, top-level fields sorted, minified."""
    canonical = json.dumps(dict(sorted(event.items())), separators=(",", ":"))
    return hashlib.md5(canonical.encode()).hexdigest()


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    work = tmp_path_factory.mktemp("sendgrid_shapes")
    landing = write_minimal_landing(work / "landing")
    for rel, name in BATCHES.items():
        (landing / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(PAYLOADS / name, landing / rel)
    done = load_and_build(work, landing, ["stg_sendgrid__events", "stg_sendgrid__singlesends"])
    assert done.dbt_returncode == 0, done.dbt_output[-3000:]
    return done


def _quarantine(build) -> dict[tuple[str, str], tuple[str, str]]:
    rows = build.query(
        "SELECT _file, locator, reason_kind, reason FROM raw._quarantine "
        "WHERE table_name = 'sendgrid__events'"
    )
    return {(r[0], r[1]): (r[2], r[3]) for r in rows}


def test_documented_and_minimal_batches_load_with_categories_as_one_list_type(build):
    documented = _events("sendgrid_documented_batch.json")
    ids = [e["sg_event_id"] for e in documented] + ["minimal-1", "minimal-2"]
    rows = dict(
        build.query(
            "SELECT event_id, categories FROM staging.stg_sendgrid__events "
            f"WHERE event_id IN ({', '.join(repr(i) for i in ids)})"
        )
    )
    assert len(rows) == len(ids)
    for event in documented:
        category = event["category"]
        expected = [category] if isinstance(category, str) else category
        assert rows[event["sg_event_id"]] == expected
    assert rows["minimal-1"] == [] and rows["minimal-2"] == []
    types = build.query("SELECT DISTINCT typeof(categories) FROM staging.stg_sendgrid__events")
    assert types == [("VARCHAR[]",)]
    # Optional fields absent from a batch are NULL, not a problem.
    minimal = build.query(
        "SELECT sg_message_id, smtp_id, url, asm_group_id FROM raw.sendgrid__events "
        "WHERE sg_event_id = 'minimal-1'"
    )
    assert minimal == [(None, None, None, None)]
    bounce = build.query(
        "SELECT bounce_type, bounce_status, reason FROM staging.stg_sendgrid__events "
        "WHERE event_type = 'bounce' AND event_id = '6g4ZI7SA-xmRDv57GoPIPw=='"
    )
    assert bounce == [("bounce", "5.0.0", "500 unknown recipient")]


def test_undeclared_fields_are_kept_in_extra_with_their_json_types(build):
    extra = dict(
        build.query(
            "SELECT sg_event_id, _extra::VARCHAR FROM raw.sendgrid__events WHERE _extra IS NOT NULL"
        )
    )
    assert json.loads(extra["t7LEShmowp86DTdUW8M-GQ=="]) == {
        "response": "400 try again later",
        "attempt": "5",
    }
    assert json.loads(extra["rWVYmVk90MjZJ9iohOBa3w=="]) == {"response": "250 OK", "tls": 1}
    assert json.loads(extra["FOTFFO0ecsBE-zxFXfs6WA=="]) == {
        "purchase": "PO1452297845",
        "uid": "123456",
    }
    assert json.loads(extra["kCAi1KttyQdEKHhdC-nuEA=="]) == {
        "url_offset": {"index": 0, "type": "html"}
    }
    # The minimal landing's events carry one undeclared field, `day`.
    assert "minimal-1" not in extra and "rbtnWrG1DVDGGGFHFyun0A==" not in extra


def test_events_without_sg_event_id_get_a_derived_key_and_redeliveries_are_stored_once(build):
    events = _events("sendgrid_no_event_id_batch.json")
    redelivered = _events("sendgrid_no_event_id_redelivery.json")[0]
    assert _derived_id(redelivered) == _derived_id(events[1])
    rows = build.query(
        "SELECT event_id, event_type, _file FROM staging.stg_sendgrid__events "
        "WHERE email = 'no.id@corp.example' ORDER BY event_at"
    )
    assert rows == [
        (_derived_id(events[0]), "delivered", f"{DAY}/batch-000003.json"),
        (_derived_id(events[1]), "open", f"{DAY}/batch-000003.json"),
    ]


def test_timestamps_in_seconds_load_and_unrepresentable_ones_are_quarantined(build):
    loaded = build.query(
        "SELECT event_id, event_at::VARCHAR FROM staging.stg_sendgrid__events "
        "WHERE email = 'ts@corp.example'"
    )
    assert loaded == [("ts-seconds", "2025-01-02 10:11:00")]
    bad = {
        loc: reason
        for (file, loc), (kind, reason) in _quarantine(build).items()
        if file == f"{DAY}/batch-000004.json" and kind == "invalid_value"
    }
    assert bad == {
        "[1]": "invalid_value: timestamp=1735812720000 looks like milliseconds",
        "[2]": "invalid_value: timestamp=-60 is negative",
        "[3]": "invalid_value: timestamp=1735812720000000 is out of range for epoch seconds",
        "[4]": "invalid_value: timestamp=99999999999999999999 overflows BIGINT",
        "[5]": "invalid_value: timestamp=1735812780.5 is not an integer",
    }
    assert not any("future" in r for _, r in _quarantine(build).values())


def test_a_batch_without_a_required_field_is_one_file_quarantine_and_the_rest_loads(build):
    rel = f"{DAY}/batch-000005.json"
    rows = [(k, v) for k, v in _quarantine(build).items() if k[0] == rel]
    assert rows == [
        (
            (rel, ""),
            (
                "file_missing_required",
                f"file_missing_required: email missing from every record of {rel} "
                "(sendgrid__events)",
            ),
        )
    ]
    assert build.query(f"SELECT count(*) FROM raw.sendgrid__events WHERE _file = '{rel}'") == [(0,)]
    # Everything else of SendGrid loaded (the minimal landing's cut-off batch stays
    # unreadable), and so did the other vendors.
    documented = len(_events("sendgrid_documented_batch.json"))
    expected = MINIMAL_EVENTS + documented + 2 + 2 + 1
    assert build.query("SELECT count(*) FROM raw.sendgrid__events") == [(expected,)]
    assert build.query("SELECT count(*) FROM staging.stg_sendgrid__events") == [(expected,)]
    assert build.query("SELECT count(*) FROM raw.sendgrid__singlesends") == [(5,)]
    kinds = build.query(
        "SELECT reason_kind, count(*) FROM raw._quarantine WHERE table_name = "
        "'sendgrid__events' GROUP BY 1 ORDER BY 1"
    )
    assert kinds == [("file_missing_required", 1), ("invalid_value", 5), ("unreadable_file", 1)]
    for table in ("hubspot__contacts", "google_ads__campaign_report", "linkedin_ads__accounts"):
        assert build.query(f"SELECT count(*) > 0 FROM raw.{table}") == [(True,)]
    reasons = build.query("SELECT reason FROM raw._quarantine")
    assert not any(str(build.landing) in r[0] for r in reasons)
