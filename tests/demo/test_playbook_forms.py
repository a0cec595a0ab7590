"""Progressive forms and the content catalog of the demo site (docs/playbook.md §1, §2;
docs/landing-formats.md "Web tracker")."""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from pathlib import Path

import pytest

from demo.catalog import PAGES

SEEDS = Path(__file__).resolve().parents[2] / "dbt_project" / "seeds"
FORM_FIELDS = {
    "firstname",
    "lastname",
    "company",
    "jobtitle",
    "phone",
    "company_size",
    "role",
    "country",
}


@pytest.fixture(scope="module")
def events(landing) -> list[dict]:
    """Every tracker event once (Segment retries repeat a messageId)."""
    seen, out = set(), []
    for part in sorted((landing / "web" / "events").glob("*/part-*.jsonl")):
        for line in part.read_text().splitlines():
            try:
                e = json.loads(line)
            except ValueError:
                continue  # the injected malformed lines
            if not isinstance(e, dict) or e.get("messageId") in seen:
                continue
            seen.add(e.get("messageId"))
            out.append(e)
    return out


def test_forms_ask_name_first_then_two_or_three_new_fields(events):
    by_person = defaultdict(list)
    for e in events:
        if e.get("type") == "track" and e.get("event") == "Form Submitted":
            p = e["properties"]
            if isinstance(p.get("email"), str):
                by_person[p["email"].strip().lower()].append((e["timestamp"], p))
    assert len(by_person) > 20
    repeat_people = 0
    for email, forms in by_person.items():
        forms.sort(key=lambda x: x[0])
        known: set[str] = set()
        for i, (_, p) in enumerate(forms):
            fields = set(p) - {"form_id", "form_type", "email"}
            assert fields <= FORM_FIELDS, (email, fields)
            assert not fields & known, (email, i, fields & known)  # never asked twice
            if i == 0:
                assert fields == {"firstname", "lastname"}, email
            else:
                left = len(FORM_FIELDS) - len(known)
                assert min(2, left) <= len(fields) <= 3, (email, i, fields)
            known |= fields
        repeat_people += len(forms) > 1
    assert repeat_people > 5


def test_form_values_are_the_persons_crm_values(events, landing):
    contacts = {}
    for page in (landing / "hubspot" / "contacts").glob("*/page-*.json"):
        for o in json.loads(page.read_bytes())["results"]:
            contacts[(o["properties"]["email"] or "").strip().lower()] = o["properties"]
    checked = 0
    for e in events:
        if e.get("event") != "Form Submitted" or not isinstance(e["properties"].get("email"), str):
            continue
        p = e["properties"]
        crm = contacts.get(p["email"].strip().lower())
        if crm is None:
            continue
        for field, prop in (("jobtitle", "jobtitle"), ("company", "company"), ("role", "hs_role")):
            if field in p:
                assert p[field] == crm[prop], (p, field)
                checked += 1
    assert checked > 0


def _site_paths() -> set[str]:
    out = set()
    for v in PAGES.values():
        for page in v if isinstance(v[0], tuple) else (v,):
            out.add(page[0])
    return out


def test_content_catalog_covers_every_page_of_the_site(events):
    with open(SEEDS / "content_catalog.csv", newline="") as fh:
        catalog = list(csv.DictReader(fh))
    paths = {r["path"] for r in catalog}
    assert len(paths) == len(catalog) == len({r["content_id"] for r in catalog})
    assert _site_paths() == paths
    seen = {(e.get("properties") or {}).get("path") for e in events if e.get("type") == "page"}
    assert {p for p in seen if isinstance(p, str)} <= paths
    assert {r["content_type"] for r in catalog} == {
        "download",
        "webinar",
        "case_study",
        "page",
        "blog",
    }
    assert {r["funnel_stage"] for r in catalog} == {"awareness", "consideration", "decision"}
    # The new pieces are visited and their forms submitted.
    forms = {e["properties"]["form_id"] for e in events if e.get("event") == "Form Submitted"}
    assert {"case-study-nordbyte", "ebook-attribution-playbook", "webinar-pipeline-review"} <= forms
