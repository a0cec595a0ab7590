"""Failures: schema drift, unreadable files, and runs killed half-way."""

from __future__ import annotations

import json

import pytest
from dlt.destinations.impl.duckdb.duck import DuckDbCopyJob
from dlt.pipeline.exceptions import PipelineStepFailed

import ingestion.resources
from ingestion.pipeline import run_vendor


def _first(env, pattern):
    return sorted(env.landing.glob(pattern))[0]


def test_new_column_flows_through_to_raw(env):
    """An undeclared field is kept in the record's `_extra` JSON (docs/real-inputs.md §2)."""
    part = _first(env, "web/events/*/part-*.jsonl")
    lines = part.read_text().splitlines()
    event = json.loads(lines[0])
    event["messageId"] = "drift-1"
    event["consentState"] = {"ads": True}
    event["experimentBucket"] = 7
    event["experimentShare"] = 0.25
    lines.append(json.dumps(event))
    part.write_text("\n".join(lines) + "\n")
    run_vendor("web")
    row = env.query(
        "SELECT _extra->'$.consentState', json_type(_extra, '$.experimentBucket'), "
        "_extra->>'$.experimentBucket', json_type(_extra, '$.experimentShare'), "
        "_extra->>'$.experimentShare' FROM raw.web__events WHERE message_id = 'drift-1'"
    )
    assert row == [('{"ads":true}', "UBIGINT", "7", "DOUBLE", "0.25")]
    types = dict(
        env.query(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_schema = 'raw' AND table_name = 'web__events'"
        )
    )
    # The raw schema does not grow: no column per undeclared field, one `_extra` for all.
    assert types["_extra"] == "JSON"
    assert "consent_state" not in types and "experiment_bucket" not in types
    others = env.query(
        "SELECT count(*) FROM raw.web__events WHERE message_id <> 'drift-1' AND _extra IS NOT NULL"
    )
    assert others == [(0,)]


def test_missing_required_column_quarantines_the_file_naming_column_and_file(env):
    """Issue 11 reverses the old rule (a file without a required column failed the source):
    the file is one quarantine row naming the column and the file, and the rest loads."""
    page = _first(env, "hubspot/companies/*/page-*.json")
    body = json.loads(page.read_text())
    for record in body["results"]:
        record.pop("updatedAt")
    page.write_text(json.dumps(body))
    run_vendor("hubspot")
    rel = page.relative_to(env.landing).as_posix()
    rows = env.query(
        "SELECT reason_kind, reason, locator, quarantine_id FROM raw._quarantine "
        "WHERE table_name = 'hubspot__companies'"
    )
    assert [r[0] for r in rows] == ["file_missing_required"]
    kind, reason, locator, qid = rows[0]
    assert "updatedAt" in reason and rel in reason and locator == ""
    assert str(env.landing) not in reason
    loaded = env.query(f"SELECT count(*) FROM raw.hubspot__companies WHERE _file = '{rel}'")
    assert loaded == [(0,)]
    counts = env.counts()
    totals = env.truth_totals()
    # Other files of the same object, and the vendor's other objects, loaded.
    assert 0 < counts["hubspot__companies"] < totals["hubspot/companies"]["unique"] + 1
    assert counts["hubspot__contacts"] == totals["hubspot/contacts"]["unique"]
    assert counts["hubspot__deals"] == totals["hubspot/deals"]["unique"]
    # The file changes again (still without the field): re-read, still one quarantine row.
    page.write_text(json.dumps(body, indent=1))
    run_vendor("hubspot")
    again = env.query(
        "SELECT quarantine_id FROM raw._quarantine WHERE table_name = 'hubspot__companies'"
    )
    assert again == [(qid,)]


def test_unreadable_file_is_reported_and_the_others_load(env):
    bad = _first(env, "web/events/*/part-*.jsonl")
    good_lines = sum(1 for line in bad.read_text().splitlines() if line.strip())
    bad.write_bytes(b"\xff\xfe\x00garbage\x80\x81\n")
    run_vendor("web")
    rel = bad.relative_to(env.landing).as_posix()
    rows = env.query(f"SELECT reason_kind, reason FROM raw._quarantine WHERE _file = '{rel}'")
    assert rows and rows[0][0] == "unreadable_file"
    truth = env.truth_totals()["web/events"]["unique"]
    loaded = env.query("SELECT count(*) FROM raw.web__events")[0][0]
    assert truth - good_lines <= loaded < truth


def _table_rows(env, table):
    return sorted(env.query(f"SELECT * EXCLUDE (_batch_id, _loaded_at) FROM raw.{table}"))


def test_killed_during_extract_then_rerun_equals_one_clean_run(env, monkeypatch):
    real = ingestion.resources.validate
    calls = {"n": 0}

    def flaky(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("killed")
        return real(*args, **kwargs)

    monkeypatch.setattr(ingestion.resources, "validate", flaky)
    with pytest.raises(PipelineStepFailed):
        run_vendor("sendgrid")
    monkeypatch.setattr(ingestion.resources, "validate", real)
    run_vendor("sendgrid")
    totals = env.truth_totals()
    assert env.counts()["sendgrid__events"] == totals["sendgrid/events"]["unique"]
    assert env.counts()["sendgrid__singlesends"] == totals["sendgrid/singlesends"]["unique"]


def test_killed_during_load_then_rerun_equals_one_clean_run(env, monkeypatch):
    real_run = DuckDbCopyJob.run

    def dying(self):
        if "hubspot__deals" in self._file_path:
            raise RuntimeError("killed while loading deals")
        return real_run(self)

    monkeypatch.setattr(DuckDbCopyJob, "run", dying)
    with pytest.raises(PipelineStepFailed):
        run_vendor("hubspot")
    partial = env.counts()
    monkeypatch.setattr(DuckDbCopyJob, "run", real_run)
    run_vendor("hubspot")
    after = env.counts()
    totals = env.truth_totals()
    assert after["hubspot__deals"] == totals["hubspot/deals"]["unique"]
    assert after["hubspot__contacts"] == totals["hubspot/contacts"]["unique"]
    assert partial.get("hubspot__deals", 0) == 0  # the failed table really was not loaded
    contacts = _table_rows(env, "hubspot__contacts")
    # A third run on unchanged input changes nothing.
    run_vendor("hubspot")
    assert _table_rows(env, "hubspot__contacts") == contacts
