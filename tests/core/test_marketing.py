"""Ad spend, email events and campaigns vs the demo's truth.

Expectations come from `_truth/ad_spend.csv`, `_truth/email_events.csv`,
`_truth/malformed.csv`, the landing FX rates and the simulator's campaign and single-send
catalogue, never from the warehouse's output.
"""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal

import pytest

from demo.campaigns import campaigns
from demo.entities import single_sends

PLATFORM_KEYS = {"google": "google_ads", "meta": "meta_ads", "linkedin": "linkedin_ads"}


def _truth_rows(tiny, name: str) -> list[dict]:
    with open(tiny.truth / name, newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def spend_rows(tiny) -> dict[tuple, tuple]:
    rows = tiny.query("""
        select platform, ad_account_id, campaign_id, cast(date_day as varchar),
               currency, spend, impressions, clicks, spend_usd, campaign_key
        from core.fct_ad_spend_daily
    """)
    return {(r[0], r[2], r[3]): r for r in rows}


def test_ad_spend_equals_the_truth_per_platform_campaign_and_day(tiny, spend_rows):
    truth = _truth_rows(tiny, "ad_spend.csv")
    expected = {
        (PLATFORM_KEYS[r["platform"]], r["campaign_id"], r["date"]): (
            r["account_id"],
            r["currency"],
            Decimal(r["spend"]),
            int(r["impressions"]),
            int(r["clicks"]),
        )
        for r in truth
    }
    actual = {
        key: (row[1], row[4], Decimal(row[5]), row[6], row[7]) for key, row in spend_rows.items()
    }
    assert len(truth) == len(expected), "truth has one row per platform, campaign and day"
    assert actual == expected
    for platform in PLATFORM_KEYS.values():
        assert sum(v[2] for k, v in actual.items() if k[0] == platform) == sum(
            v[2] for k, v in expected.items() if k[0] == platform
        )


def test_no_negative_spend_and_injected_negative_rows_are_absent(tiny, spend_rows):
    assert all(row[5] >= 0 and row[8] >= 0 for row in spend_rows.values())
    injected = [
        r
        for r in _truth_rows(tiny, "malformed.csv")
        if r["source"].endswith("_ads") and r["defect"] in ("negative_spend", "wrong_type")
    ]
    assert any(r["defect"] == "negative_spend" for r in injected)
    bad_campaigns = {r["detail"].split()[1] for r in injected}
    assert not bad_campaigns & {key[1] for key in spend_rows}


def test_spend_usd_uses_the_day_rate(tiny, spend_rows):
    with open(tiny.landing / "targets" / "fx_rates.csv", newline="") as fh:
        rates = {(r["date"], r["currency"]): Decimal(r["rate_to_usd"]) for r in csv.DictReader(fh)}
    for (_, _, day), row in spend_rows.items():
        rate = Decimal(1) if row[4] == "USD" else rates[day, row[4]]
        assert Decimal(row[8]) == (Decimal(row[5]) * rate).quantize(
            Decimal("0.000001"), rounding=ROUND_HALF_UP
        ), row


def test_email_event_unique_counts_match_the_truth(tiny):
    expected = {r["event"]: int(r["unique_events"]) for r in _truth_rows(tiny, "email_events.csv")}
    actual = dict(tiny.query("select event_type, count(*) from core.fct_email_events group by 1"))
    assert actual == expected
    rows, keys = tiny.query(
        "select count(*), count(distinct email_event_id) from core.fct_email_events"
    )[0]
    assert rows == keys


def test_email_events_name_their_send_program_and_contact(tiny):
    sends = {s.id: s for s in single_sends()}
    rows = tiny.query("""
        select singlesend_id, campaign_key, nurture_program, count(*), count(contact_key)
        from core.fct_email_events group by all
    """)
    for singlesend_id, campaign_key, program, _, _ in rows:
        assert campaign_key == "sendgrid:" + singlesend_id
        assert program == sends[singlesend_id].program
    unknown = sum(r[3] - r[4] for r in rows)
    assert unknown == 0, "every demo recipient is a CRM contact"
    machine = tiny.query("""
        select count(*) filter (where is_machine_open), count(*) filter (where event_type = 'open')
        from core.fct_email_events
    """)[0]
    assert 0 < machine[0] < machine[1]


def test_dim_campaign_holds_every_campaign_once(tiny):
    keys = [row[0] for row in tiny.query("select campaign_key from core.dim_campaign")]
    assert len(keys) == len(set(keys))
    expected_ads = {f"{PLATFORM_KEYS[c.platform]}:{c.id}" for c in campaigns()}
    expected_sends = {"sendgrid:" + s.id for s in single_sends()}
    expected_programs = {"sendgrid:nurture-" + s.program for s in single_sends() if s.program}
    assert expected_ads | expected_sends | expected_programs <= set(keys)
    webinars = {
        row[0]
        for row in tiny.query(
            "select campaign_key from core.dim_campaign where campaign_type = 'event'"
        )
    }
    truth_webinars = {
        "web:" + r["utm_campaign"]
        for r in _truth_rows(tiny, "sessions.csv")
        if r["channel"] == "events"
    }
    assert webinars == truth_webinars


def test_every_campaign_key_in_the_facts_is_in_dim_campaign(tiny):
    for model in ("fct_touchpoints", "fct_email_events", "fct_ad_spend_daily"):
        orphans = tiny.query(f"""
            select count(*) from core.{model} as f
            left join core.dim_campaign as c using (campaign_key)
            where f.campaign_key is not null and c.campaign_key is null
        """)[0][0]
        assert orphans == 0, model


def test_channel_grouping_names_exactly_the_truth_channels_for_sessions(tiny):
    truth = {r["channel"] for r in _truth_rows(tiny, "sessions.csv")}
    ours = {
        row[0]
        for row in tiny.query("""
        select distinct channel from core.fct_touchpoints
        where touch_type in ('ad_click', 'web_session', 'event_attendance')
    """)
    }
    assert ours == truth
