"""Touchpoints vs the demo's truth: sessions by channel and contact, stitching, campaigns.

Expectations come from `_truth/sessions.csv` and the simulator's own campaign catalogue
(`demo.campaigns.campaigns`), never from the warehouse's output.
"""

from __future__ import annotations

import csv
from collections import Counter

import pytest

from demo.campaigns import campaigns

SESSION_TOUCH_TYPES = "('ad_click', 'web_session', 'event_attendance')"
TRUTH_CHANNELS = {
    "paid_search",
    "paid_social",
    "linkedin",
    "organic_search",
    "direct",
    "referral",
    "events",
    "email",
}
PLATFORM_KEYS = {"google": "google_ads", "meta": "meta_ads", "linkedin": "linkedin_ads"}


@pytest.fixture(scope="module")
def truth_sessions(tiny) -> dict[str, dict]:
    with open(tiny.truth / "sessions.csv", newline="") as fh:
        return {row["session_id"]: row for row in csv.DictReader(fh)}


@pytest.fixture(scope="module")
def session_touches(tiny) -> dict[str, dict]:
    columns = [
        "session_id",
        "channel",
        "contact_key",
        "anonymous_id",
        "touched_at",
        "utm_source",
        "utm_medium",
        "utm_campaign",
        "click_id_type",
        "is_before_identification",
        "campaign_key",
        "touch_type",
    ]
    rows = tiny.query(f"""
        select {", ".join(columns)} from core.fct_touchpoints
        where touch_type in {SESSION_TOUCH_TYPES}
    """)
    return {row[0]: dict(zip(columns, row, strict=True)) for row in rows}


def test_one_session_touch_per_truth_session(session_touches, truth_sessions):
    assert set(session_touches) == set(truth_sessions)


def test_sessions_per_channel_match_the_truth(session_touches, truth_sessions):
    expected = Counter(row["channel"] for row in truth_sessions.values())
    actual = Counter(touch["channel"] for touch in session_touches.values())
    assert set(expected) == TRUTH_CHANNELS
    for channel in sorted(TRUTH_CHANNELS):
        assert actual[channel] == expected[channel], channel
    assert actual == expected


def test_every_session_has_the_truth_channel_tags_and_start(session_touches, truth_sessions):
    for session_id, truth in truth_sessions.items():
        touch = session_touches[session_id]
        assert touch["channel"] == truth["channel"], session_id
        assert touch["anonymous_id"] == truth["visitor_id"], session_id
        assert touch["touched_at"].strftime("%Y-%m-%dT%H:%M:%SZ") == truth["started_at"]
        assert (touch["utm_source"] or "") == truth["utm_source"], session_id
        assert (touch["utm_medium"] or "") == truth["utm_medium"], session_id
        assert (touch["utm_campaign"] or "") == truth["utm_campaign"], session_id
        assert (touch["click_id_type"] or "") == truth["click_id_type"], session_id
        assert (touch["touch_type"] == "ad_click") == bool(truth["click_id_type"]), session_id


def test_sessions_per_contact_and_before_identification(session_touches, truth_sessions):
    expected = Counter(
        ("hs_" + row["contact_id"] if row["contact_id"] else None, row["before_identification"])
        for row in truth_sessions.values()
    )
    actual = Counter(
        (
            touch["contact_key"],
            ""
            if touch["is_before_identification"] is None
            else str(touch["is_before_identification"]).lower(),
        )
        for touch in session_touches.values()
    )
    assert actual == expected
    assert expected[next(k for k in expected if k[1] == "true")] > 0


def test_each_session_belongs_to_the_truth_contact(session_touches, truth_sessions):
    for session_id, truth in truth_sessions.items():
        expected = "hs_" + truth["contact_id"] if truth["contact_id"] else None
        assert session_touches[session_id]["contact_key"] == expected, session_id
    anonymous = sum(1 for row in truth_sessions.values() if not row["contact_id"])
    assert anonymous > 0, "the tiny demo should have never-identified visitors"


def test_ad_sessions_resolve_to_the_platform_campaign(session_touches, truth_sessions):
    by_slug = {(c.platform, c.slug): f"{PLATFORM_KEYS[c.platform]}:{c.id}" for c in campaigns()}
    platform_of = {"gclid": "google", "fbclid": "meta", "li_fat_id": "linkedin"}
    checked = 0
    for session_id, truth in truth_sessions.items():
        if truth["click_id_type"]:
            key = by_slug[platform_of[truth["click_id_type"]], truth["utm_campaign"]]
            assert session_touches[session_id]["campaign_key"] == key, session_id
            checked += 1
        elif truth["channel"] == "events":
            assert session_touches[session_id]["campaign_key"] == "web:" + truth["utm_campaign"]
        elif not truth["utm_campaign"]:
            assert session_touches[session_id]["campaign_key"] is None
    assert checked > 0


def test_every_touch_has_a_known_channel(tiny):
    unmapped = tiny.query("""
        select count(*) from core.fct_touchpoints as t
        left join core.dim_channel as c using (channel)
        where c.channel is null
    """)[0][0]
    assert unmapped == 0
    channels = {row[0] for row in tiny.query("select channel from core.dim_channel")}
    assert channels >= TRUTH_CHANNELS


def test_email_clicks_are_touches_of_known_contacts(tiny):
    with open(tiny.truth / "email_events.csv", newline="") as fh:
        unique = {row["event"]: int(row["unique_events"]) for row in csv.DictReader(fh)}
    clicks, known = tiny.query("""
        select count(*), count(contact_key) from core.fct_touchpoints
        where touch_type = 'email_click'
    """)[0]
    assert clicks == unique["click"]
    assert known == clicks


def test_touch_keys_are_unique_and_touches_strictly_ordered(tiny):
    rows, keys = tiny.query(
        "select count(*), count(distinct touchpoint_id) from core.fct_touchpoints"
    )[0]
    assert rows == keys
    disorder = tiny.query("""
        select count(*) from (
            select
                contact_touch_number,
                row_number() over (
                    partition by contact_key order by touched_at, touchpoint_id
                ) as n,
                lag(touched_at) over (
                    partition by contact_key order by contact_touch_number
                ) as prev_at,
                touched_at
            from core.fct_touchpoints
            where contact_key is not null
        )
        where contact_touch_number != n or prev_at > touched_at
    """)[0][0]
    assert disorder == 0


def test_touch_types_present(tiny):
    types = {row[0] for row in tiny.query("select distinct touch_type from core.fct_touchpoints")}
    assert types == {
        "ad_click",
        "web_session",
        "event_attendance",
        "form_submission",
        "email_click",
        "email_open",
        "sales_call",
        "sales_meeting",
    }


def test_touches_of_contacts_carry_their_account(tiny):
    missing = tiny.query("""
        select count(*) from core.fct_touchpoints as t
        inner join intermediate.int_contacts__accounts as a using (contact_key)
        where a.account_key is not null and t.account_key is distinct from a.account_key
    """)[0][0]
    assert missing == 0
