"""Identity resolution vs the demo's truth: merged contacts, emails, stitched visitors, accounts.

Expectations come from the simulator's truth files (`_truth/contacts.csv`, `sessions.csv`),
never from the warehouse's own output.
"""

from __future__ import annotations

import csv
from collections import Counter

import pytest


def _truth_rows(tiny, name: str) -> list[dict]:
    with open(tiny.truth / name, newline="") as fh:
        return list(csv.DictReader(fh))


def _ids(value: str) -> list[str]:
    return [part for part in value.split(";") if part]


@pytest.fixture(scope="module")
def truth_contacts(tiny) -> dict[str, dict]:
    return {row["contact_id"]: row for row in _truth_rows(tiny, "contacts.csv")}


def test_one_dim_contact_row_per_surviving_contact(tiny, truth_contacts):
    keys = [row[0] for row in tiny.query("select contact_key from core.dim_contact")]
    assert len(keys) == len(set(keys))
    assert set(keys) == {f"hs_{cid}" for cid in truth_contacts}


def test_merged_contacts_collapse_into_their_survivor(tiny, truth_contacts):
    expected = {
        merged: f"hs_{cid}"
        for cid, row in truth_contacts.items()
        for merged in _ids(row["merged_ids"])
    }
    assert expected, "the tiny demo merges at least one contact"
    resolved = dict(
        tiny.query(
            "select hubspot_contact_id, contact_key from intermediate.int_contacts__resolved "
            "where is_merged_away"
        )
    )
    assert resolved == expected
    counts = dict(
        tiny.query(
            "select contact_key, merged_record_count from core.dim_contact "
            "where merged_record_count > 0"
        )
    )
    assert counts == dict(Counter(expected.values()))


def test_every_truth_email_resolves_to_its_contact(tiny, truth_contacts):
    emails = dict(
        tiny.query("select email_normalized, contact_key from intermediate.int_contacts__emails")
    )
    expected = {row["email"]: f"hs_{cid}" for cid, row in truth_contacts.items()}
    assert {email: emails.get(email) for email in expected} == expected
    # HubSpot and form casing dirt normalizes away: only lower-case, trimmed addresses.
    assert all(email == email.strip().lower() for email in emails)


def test_visitor_ids_are_stitched_to_their_contact(tiny, truth_contacts):
    expected = {
        vid: f"hs_{cid}" for cid, row in truth_contacts.items() for vid in _ids(row["visitor_ids"])
    }
    stitched = dict(
        tiny.query("select anonymous_id, contact_key from intermediate.int_visitors__stitched")
    )
    assert stitched == expected


def test_anonymous_sessions_before_identification_belong_to_the_contact(tiny):
    sessions = _truth_rows(tiny, "sessions.csv")
    expected_before = Counter(
        f"hs_{s['contact_id']}"
        for s in sessions
        if s["contact_id"] and s["before_identification"] == "true"
    )
    expected_all = Counter(f"hs_{s['contact_id']}" for s in sessions if s["contact_id"])
    assert sum(expected_before.values()) > 0
    rows = tiny.query("""
        with sessions as (
            select anonymous_id, session_id, max(event_at) as ended_at
            from staging.stg_web__events
            group by anonymous_id, session_id
        )
        select
            stitched.contact_key,
            count(*) filter (where sessions.ended_at < stitched.identified_at),
            count(*)
        from sessions
        inner join intermediate.int_visitors__stitched as stitched
            on sessions.anonymous_id = stitched.anonymous_id
        group by stitched.contact_key
    """)
    assert {key: before for key, before, _ in rows if before} == dict(expected_before)
    assert {key: total for key, _, total in rows} == dict(expected_all)


def test_every_contact_has_exactly_one_account_or_explicitly_none(tiny, truth_contacts):
    rows = tiny.query(
        "select contact_key, account_key, account_source from intermediate.int_contacts__accounts"
    )
    assert len(rows) == len({row[0] for row in rows}) == len(truth_contacts)
    assert {row[0]: row[1] for row in rows} == {
        f"hs_{cid}": f"hs_{row['company_id']}" if row["company_id"] else None
        for cid, row in truth_contacts.items()
    }
    assert all((account is None) == (source is None) for _, account, source in rows)
    dangling = tiny.query("""
        select count(*) from core.dim_contact
        where account_key is not null
            and account_key not in (select account_key from core.dim_account)
    """)
    assert dangling == [(0,)]


def test_owners_have_a_role_from_their_team(tiny):
    roles = dict(tiny.query("select role, count(*) from core.dim_owner group by role"))
    # tiny scale: 3 SDRs and 3 AEs (demo/config.py), teams "SDR ..." / "AE ...".
    assert roles == {"sdr": 3, "ae": 3}
