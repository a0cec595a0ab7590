"""Build the staging layer for real and check its numbers against raw, computed
independently in Python (not by re-running the models' SQL)."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from decimal import Decimal

import pytest

# 27 vendor staging models, 19 Salesforce base models + 18 Salesforce staging models, and
# the 18 models of the CRM contract (staging/crm/).
STAGING_MODELS = 85


@pytest.fixture(scope="module")
def built(warehouse):
    started = time.monotonic()
    # Staging and the seeds it reads (the Salesforce pipeline stages, the custom fields).
    run = warehouse.dbt("build", "--select", "+staging")
    assert run.returncode == 0, run.output[-5000:]
    assert not run.failures(), run.failures()
    run.seconds = time.monotonic() - started
    return run


def test_build_runs_every_model_data_test_and_unit_test(built):
    kinds = {}
    for result in built.results:
        kind = result["unique_id"].split(".")[0]
        kinds[kind] = kinds.get(kind, 0) + 1
    assert kinds["model"] == STAGING_MODELS
    assert kinds["unit_test"] >= 8
    assert kinds["test"] >= 60


def test_every_raw_table_has_a_staging_model(built, warehouse):
    raw = {
        t
        for (t,) in warehouse.query(
            "select table_name from information_schema.tables where table_schema = 'raw'"
        )
    }
    staged = {
        t
        for (t,) in warehouse.query(
            "select table_name from information_schema.tables where table_schema = 'staging'"
        )
    }
    assert len(raw) == 21 + 19  # + the Salesforce objects (empty for this HubSpot company)
    # Salesforce objects are staged 1:1 by base models (docs/salesforce.md §1).
    assert {f"base_{t}" if t.startswith("salesforce__") else f"stg_{t}" for t in raw} <= staged


def test_one_staged_row_per_raw_key(built, warehouse):
    pairs = {
        "stg_hubspot__contacts": "select count(distinct id) from raw.hubspot__contacts",
        "stg_hubspot__deals": "select count(distinct id) from raw.hubspot__deals",
        "stg_sendgrid__events": "select count(distinct sg_event_id) from raw.sendgrid__events",
        "stg_web__events": "select count(distinct message_id) from raw.web__events",
        "stg_google_ads__campaign_report": (
            "select count(distinct (customer__id, campaign__id, segments__date))"
            " from raw.google_ads__campaign_report"
        ),
        "stg_linkedin_ads__ad_analytics": (
            "select count(distinct (pivot_value, date_range__start__year,"
            " date_range__start__month, date_range__start__day))"
            " from raw.linkedin_ads__ad_analytics"
        ),
    }
    for model, raw_sql in pairs.items():
        assert warehouse.scalar(f"select count(*) from staging.{model}") == warehouse.scalar(
            raw_sql
        ), model


def test_google_spend_is_cost_micros_over_a_million_exactly(built, warehouse):
    micros = [
        int(v)
        for (v,) in warehouse.query(
            "select metrics__cost_micros from raw.google_ads__campaign_report"
        )
    ]
    expected = sum(Decimal(m) / Decimal(1_000_000) for m in micros)
    staged = warehouse.scalar("select sum(spend) from staging.stg_google_ads__campaign_report")
    assert staged == expected
    assert warehouse.query(
        "select distinct currency_code from staging.stg_google_ads__campaign_report order by 1"
    ) == [("EUR",), ("USD",)]


def test_history_unnesting_yields_one_row_per_history_entry(built, warehouse):
    for obj, model in (("contacts", "contact"), ("deals", "deal"), ("companies", "company")):
        entries = 0
        for (history,) in warehouse.query(
            f"select properties_with_history from raw.hubspot__{obj}"
        ):
            if history is not None:
                entries += sum(len(changes) for changes in json.loads(history).values())
        staged = warehouse.scalar(
            f"select count(*) from staging.stg_hubspot__{model}_property_history"
        )
        assert staged == entries, model
    # Validity ranges chain: every non-current change ends when the next one starts.
    assert (
        warehouse.scalar("""
        select count(*) from staging.stg_hubspot__deal_property_history as h
        join staging.stg_hubspot__deal_property_history as n
          on n.deal_id = h.deal_id and n.property_name = h.property_name
         and n.change_number = h.change_number + 1
        where h.valid_to is distinct from n.valid_from
    """)
        == 0
    )
    assert (
        warehouse.scalar("""
        select count(*) from staging.stg_hubspot__contact_property_history
        where (valid_to is null) != is_current
    """)
        == 0
    )


def test_merges_and_associations_come_from_the_json(built, warehouse):
    assert warehouse.query(
        "select merged_object_ids from staging.stg_hubspot__contacts where contact_id = '1'"
    ) == [(["2", "4"],)]
    assert warehouse.query(
        "select merged_contact_id, surviving_contact_id"
        " from staging.stg_hubspot__contact_merges order by 1"
    ) == [("2", "1"), ("4", "1")]
    roles = warehouse.query(
        "select contact_id, association_label from staging.stg_hubspot__deal_contacts"
        " where deal_id = '700' order by 1, 2 nulls first"
    )
    assert roles == [("1", "Decision Maker"), ("3", None), ("3", "Champion")]
    listed = sum(
        len((json.loads(a or "{}").get("companies") or {}).get("results", []))
        for (a,) in warehouse.query("select associations from raw.hubspot__contacts")
    )
    assert warehouse.scalar("select count(*) from staging.stg_hubspot__contact_companies") == listed


def test_pipeline_stages_are_unnested_and_typed(built, warehouse):
    stages = json.loads(warehouse.scalar("select stages from raw.hubspot__deal_pipelines"))
    rows = warehouse.query(
        "select deal_stage_id, probability, is_closed, display_order"
        " from staging.stg_hubspot__deal_pipeline_stages order by display_order"
    )
    assert [
        (
            s["id"],
            Decimal(s["metadata"]["probability"]),
            s["metadata"]["isClosed"] == "true",
            s["displayOrder"],
        )
        for s in stages
    ] == rows


def test_sendgrid_types_categories_and_machine_opens(built, warehouse):
    rows = dict(warehouse.query("select event_id, categories from staging.stg_sendgrid__events"))
    assert rows["ev-3"] == ["nurture"]  # sent as a single string
    assert rows["ev-1"] == ["nurture", "nurture-onboarding"]
    assert rows["ev-5"] == []  # no category at all
    opens = warehouse.query(
        "select event_id, is_machine_open from staging.stg_sendgrid__events"
        " where event_type = 'open' order by 1"
    )
    assert opens == [("ev-3", True), ("ev-4", False)]
    epoch = warehouse.scalar('select min("timestamp") from raw.sendgrid__events')
    first = warehouse.scalar("select min(event_at) from staging.stg_sendgrid__events")
    assert first == datetime.fromtimestamp(epoch, UTC).replace(tzinfo=None)  # naive UTC


def test_web_form_email_and_timestamps(built, warehouse):
    row = warehouse.query(
        "select form_email, form_email_normalized, utm_source from staging.stg_web__events"
        " where event_name = 'Form Submitted'"
    )
    assert row == [(" Jane.Doe@Corp.example", "jane.doe@corp.example", None)]
    # The client's local original timestamp (+02:00) is converted to UTC.
    assert (
        str(
            warehouse.scalar(
                "select original_event_at from staging.stg_web__events where message_id = 'ajs-1'"
            )
        )
        == "2025-01-03 10:11:12.123000"
    )


def test_lineage_is_passed_through(built, warehouse):
    for model in ("stg_hubspot__meetings", "stg_sendgrid__events", "stg_targets__fx_rates"):
        nulls = warehouse.scalar(
            f"select count(*) from staging.{model} where _source is null"
            " or _batch_id is null or _loaded_at is null or _file is null"
        )
        assert nulls == 0, model
    assert warehouse.query("select _source, _file from staging.stg_hubspot__meetings") == [
        ("api", "GET https://api.hubapi.com/crm/v3/objects/meetings?limit=100")
    ]


def test_duplicates_in_raw_still_give_one_staged_row(built, warehouse):
    """Raw already dedups; staging must not depend on it. Add a redelivered SendGrid event,
    a Segment retry, an older CRM version and an older ad export, then rebuild."""
    counts_before = {
        m: warehouse.scalar(f"select count(*) from staging.{m}")
        for m in (
            "stg_sendgrid__events",
            "stg_web__events",
            "stg_hubspot__contacts",
            "stg_hubspot__contact_property_history",
            "stg_google_ads__campaign_report",
        )
    }
    warehouse.execute("""
        insert into raw.sendgrid__events
        select * replace ('2026-11-25 06:00:00+00'::timestamptz as _loaded_at,
                          'sendgrid/events/2025-01-02/batch-000009.json' as _file)
        from raw.sendgrid__events where sg_event_id = 'ev-3';
        insert into raw.web__events
        select * replace ('2026-11-25 06:00:00+00'::timestamptz as _loaded_at) from raw.web__events
        where message_id = 'ajs-1';
        insert into raw.hubspot__contacts
        select * replace ('2025-01-02T10:00:00.000Z' as updated_at,
                          '{"email": "old@corp.example"}'::json as properties,
                          'hubspot/contacts/2025-01-15/page-000001.json' as _file)
        from raw.hubspot__contacts where id = '1';
        insert into raw.google_ads__campaign_report
        select * replace ('999000000' as metrics__cost_micros,
                          'google_ads/campaign_report/1234567890/2025-01/page-000001.json' as _file)
        from raw.google_ads__campaign_report where segments__date = '2025-01-31';
    """)
    # Staging and the seeds it reads (the Salesforce pipeline stages, the custom fields).
    run = warehouse.dbt("build", "--select", "+staging")
    assert run.returncode == 0, run.output[-5000:]
    for model, before in counts_before.items():
        assert warehouse.scalar(f"select count(*) from staging.{model}") == before, model
    assert warehouse.query(
        "select _file from staging.stg_sendgrid__events where event_id = 'ev-3'"
    ) == [("sendgrid/events/2025-01-01/batch-000001.json",)]
    assert warehouse.query(
        "select email from staging.stg_hubspot__contacts where contact_id = '1'"
    ) == [("Jane.Doe@Corp.example ",)]
    assert warehouse.scalar(
        "select spend from staging.stg_google_ads__campaign_report where date_day = '2025-01-31'"
    ) == Decimal("53.12")
