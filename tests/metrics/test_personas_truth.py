"""Personas, forms and content (docs/metrics/personas.md) on the tiny demo warehouse, against
what the demo wrote: the truth's contacts (`persona`, `disqualification_reason`,
`owner_assigned_at`), the raw web events and the seed content_catalog. The hand-computed
cases are dbt unit tests (int_contacts__survivors, int_forms__submissions,
fct_content_engagements, mart_content_engagement).
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from pathlib import Path

import pytest

CATALOG = Path(__file__).resolve().parents[2] / "dbt_project" / "seeds" / "content_catalog.csv"
FIELDS = {"company", "company_size", "country", "email", "firstname"}
FIELDS |= {"jobtitle", "lastname", "phone", "role"}


@pytest.fixture(scope="module")
def built(tiny):
    assert tiny.dbt_returncode == 0, tiny.dbt_output[-3000:]
    return tiny


@pytest.fixture(scope="module")
def truth_contacts(built) -> dict[str, dict]:
    with (built.truth / "contacts.csv").open() as handle:
        return {f"hs_{row['contact_id']}": row for row in csv.DictReader(handle)}


@pytest.fixture(scope="module")
def contacts(built) -> dict[str, tuple]:
    rows = built.query("""
        select contact_key, persona, coalesce(disqualification_reason, ''),
               coalesce(strftime(owner_assigned_at, '%Y-%m-%dT%H:%M:%SZ'), '')
        from core.dim_contact
    """)
    return {row[0]: row[1:] for row in rows}


def _compare(truth_contacts, contacts, column: str, index: int) -> None:
    shared = truth_contacts.keys() & contacts.keys()
    assert len(shared) > 0.9 * len(truth_contacts)
    wrong = {
        key: (truth_contacts[key][column], contacts[key][index])
        for key in shared
        if truth_contacts[key][column] != contacts[key][index]
    }
    assert not wrong, list(wrong.items())[:10]


def test_every_contact_has_the_truth_persona(truth_contacts, contacts):
    _compare(truth_contacts, contacts, "persona", 0)
    assert len({persona for persona, *_ in contacts.values()} - {"(unknown)"}) >= 4


def test_disqualification_reason_is_the_crm_value_of_the_truth(truth_contacts, contacts):
    _compare(truth_contacts, contacts, "disqualification_reason", 1)


def test_owner_assigned_at_is_the_first_assignment_of_the_truth(truth_contacts, contacts):
    _compare(truth_contacts, contacts, "owner_assigned_at", 2)


def test_one_form_submission_row_per_form_event_with_its_fields(built):
    raw = {
        message: json.loads(properties or "{}")
        for message, properties in built.query("""
            select distinct on (message_id) message_id, cast(properties as varchar)
            from raw.web__events where event = 'Form Submitted'
        """)
    }
    rows = built.query(
        "select form_submission_key, submitted_fields from core.fct_form_submissions"
    )
    assert {key for key, _ in rows} == set(raw)
    for key, fields in rows:
        given = sorted(f for f in FIELDS if str(raw[key].get(f) or "").strip())
        assert fields == ",".join(given), key


def test_new_fields_of_a_contact_add_up_to_the_fields_it_ever_gave(built):
    # Progressive profiling: each field a contact gives counts as new exactly once.
    given, new = defaultdict(set), defaultdict(int)
    for key, fields, count in built.query("""
        select contact_key, submitted_fields, new_field_count
        from core.fct_form_submissions where contact_key is not null
    """):
        given[key] |= set(filter(None, fields.split(",")))
        new[key] += count
    assert given and all(new[key] == len(given[key]) for key in given)


def _path(path: str) -> str:
    return path.strip().rstrip("/") or "/"


def test_content_engagements_are_the_page_views_of_catalogued_paths(built):
    with CATALOG.open() as handle:
        paths = {_path(row["path"]): row["content_id"] for row in csv.DictReader(handle)}
    views = built.query("""
        select distinct on (message_id) message_id,
               coalesce(context ->> '$.page.path', properties ->> '$.path')
        from raw.web__events where type = 'page'
    """)
    expected = {m: paths[_path(p)] for m, p in views if p and _path(p) in paths}
    rows = built.query(
        "select content_engagement_key, content_key from core.fct_content_engagements"
    )
    assert dict(rows) == expected


def test_content_conversion_rates_are_fractions(built):
    bad = built.query("""
        select count(*) from metrics.mart_content_engagement
        where next_stage_conversion_rate not between 0 and 1
           or next_stage_contacts > engaged_contacts
    """)
    assert bad == [(0,)]
