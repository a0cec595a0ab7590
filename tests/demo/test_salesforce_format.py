"""`--crm salesforce`: the same tiny company as Bulk API 2.0 CSVs (docs/salesforce.md §2, §3, §5).
Expectations come from the contract's text, the HubSpot generation of the same seed (the
`landing` fixture) and `_truth/`, never from the translation's own tables."""

from __future__ import annotations

import csv
import hashlib
import json
import re
from datetime import datetime
from pathlib import Path

import pytest

from demo.generate import generate

CONTRACT = Path(__file__).resolve().parents[2] / "docs" / "salesforce.md"
TS = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$")
DAY = re.compile(r"^\d{4}-\d\d-\d\d$")
ID_PREFIX = dict(
    Lead="00Q", Contact="003", Account="001", Opportunity="006", User="005", Task="00T",
    Event="00U", OpportunityHistory="008", OpportunityContactRole="00K", LeadHistory="017",
    ContactHistory="017", OpportunityFieldHistory="017", UserRole="00E", TaskRelation="0RT",
    EventRelation="0RE",
)  # fmt: skip
# The picklist labels of docs/salesforce.md §5.
LIFECYCLE_LABELS = (
    "Subscriber|Lead|Marketing Qualified Lead|Sales Qualified Lead|Opportunity|Customer|"
    "Evangelist|Other"
)
STATUS_LABELS = (
    "Open - Not Contacted|Open|Attempted to Contact|Working - Contacted|Accepted|Converted|"
    "Closed - Not Converted|Recycled"
)
STAGE_LABELS = (
    "Qualification Call|Demo Scheduled|Framing Meeting|Proposal Sent|Negotiation|Closed Won|"
    "Closed Lost|Expansion Discovery|Expansion Proposal|Contract Sent"
)
# Reference fields -> the key prefixes they may point to.
REFERENCE_PREFIX = {
    "MasterRecordId": ("00Q", "003"),
    "ConvertedAccountId": ("001",),
    "ConvertedContactId": ("003",),
    "ConvertedOpportunityId": ("006",),
    "AccountId": ("001",),
    "OwnerId": ("005",),
    "CreatedById": ("005",),
    "OpportunityId": ("006",),
    "ContactId": ("003",),
    "LeadId": ("00Q",),
    "WhoId": ("00Q", "003"),
    "WhatId": ("006",),
    "UserRoleId": ("00E",),
    "TaskId": ("00T",),
    "EventId": ("00U",),
    "RelationId": ("00Q", "003", "006"),
}


def contract_headers() -> dict[str, list[str]]:
    text = CONTRACT.read_text()
    para = text[text.index("Person customs on Lead and Contact") :]
    para = para[: para.index("(the moment")]
    customs = re.findall(r"`(\w+__c)`", para)
    out = {}
    for obj, fields in re.findall(r"^\| (\w+) \| (.+) \|$", text, re.M):
        if obj in ("object", "X") or "," not in fields:
            continue
        names = [f.strip() for f in fields.split(",")]
        if names[-1] == "+ person customs":
            extra = [c for c in customs if obj == "Contact" or c != "Lead_Status__c"]
            names = names[:-1] + extra
        out[obj] = names
    return out


def id_checksum(id15: str) -> str:
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"
    return "".join(
        alphabet[sum(1 << i for i, ch in enumerate(id15[k : k + 5]) if ch.isupper())]
        for k in (0, 5, 10)
    )


def read_csv(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_layout_is_salesforce_only(sf):
    assert (sf / "salesforce").is_dir()
    assert not (sf / "hubspot").exists()
    for folder in (sf / "salesforce").iterdir():
        assert [p.name for p in folder.iterdir()] == ["part-0001.csv"], folder


def test_headers_are_the_contract_api_names(sf):
    expected = contract_headers()
    written = sorted(p.name for p in (sf / "salesforce").iterdir())
    assert set(written) >= {"Lead", "Contact", "Account", "Opportunity", "Task", "Event"}
    for obj in written:
        with open(sf / "salesforce" / obj / "part-0001.csv", newline="") as fh:
            header = next(csv.reader(fh))
        assert header == expected[obj], obj


def test_ids_are_18_chars_with_checksum_and_prefix(objects):
    seen = 0
    for obj, rows in objects.items():
        assert rows, obj
        ids = [r["Id"] for r in rows]
        assert len(set(ids)) == len(ids), obj
        for r in rows:
            for field, value in r.items():
                if field == "Id":
                    prefixes = (ID_PREFIX[obj],)
                elif field in REFERENCE_PREFIX:
                    prefixes = REFERENCE_PREFIX[field]
                else:
                    continue
                if value == "":
                    assert field != "Id", (obj, r)
                    continue
                assert re.fullmatch(r"[A-Za-z0-9]{18}", value), (obj, field, value)
                assert value[15:] == id_checksum(value[:15]), (obj, field, value)
                assert value[:3] in prefixes, (obj, field, value)
                seen += 1
    assert seen > 1000


def test_value_formats(objects):
    for obj, rows in objects.items():
        for r in rows:
            for field, value in r.items():
                if value == "":
                    continue
                if field in ("CloseDate", "ActivityDate", "ConvertedDate", "Churn_Date__c"):
                    assert DAY.match(value), (obj, field, value)
                elif field.endswith(("Date__c", "DateTime", "Modstamp")) or field in (
                    "CreatedDate",
                    "LastModifiedDate",
                ):
                    assert TS.match(value), (obj, field, value)
                elif field.startswith("Is") or field == "Decision_Maker__c":
                    assert value in ("true", "false"), (obj, field, value)


def hubspot_contact_ids(landing: Path, bad_locations) -> set[str]:
    ids = set()
    for page in (landing / "hubspot" / "contacts").rglob("page-*.json"):
        rel = str(page.relative_to(landing))
        for i, c in enumerate(json.loads(page.read_bytes())["results"]):
            if (rel, f"results[{i}]") not in bad_locations and c["id"]:
                ids.add(c["id"])
    return ids


def test_one_lead_per_hubspot_contact(objects, landing, bad_locations):
    assert len(objects["Lead"]) == len(hubspot_contact_ids(landing, bad_locations))


def test_opportunities_match_truth_deals(objects, truth):
    deals = truth("deals")
    opps = objects["Opportunity"]
    assert len(opps) == len(deals)
    won = [d for d in deals if d["outcome"] == "won"]
    assert sum(r["IsWon"] == "true" for r in opps) == len(won) > 0
    assert sum(float(r["Amount"]) for r in opps if r["IsWon"] == "true") == pytest.approx(
        sum(float(d["amount"]) for d in won)
    )
    assert {r["StageName"] for r in opps if r["IsWon"] == "true"} == {"Closed Won"}


def test_references_resolve(objects, sf):
    ids_csv = read_csv(sf / "_truth" / "salesforce_ids.csv")
    ids = {(r["generator_id"], r["object"]): r["salesforce_id"] for r in ids_csv}
    contacts = {r["Id"] for r in objects["Contact"]}
    leads = {r["Id"] for r in objects["Lead"]}
    opps = {r["Id"] for r in objects["Opportunity"]}
    converted = [r for r in objects["Lead"] if r["IsConverted"] == "true"]
    assert converted
    assert {r["ConvertedContactId"] for r in converted} <= contacts
    assert len(converted) == len(contacts)
    roles = objects["OpportunityContactRole"]
    assert roles and {r["ContactId"] for r in roles} <= contacts
    # every opportunity has roles but the truth's deal_without_contact_role branch
    role_less = {
        ids[b["entity_id"], "Opportunity"]
        for b in read_csv(sf / "_truth" / "branches.csv")
        if b["branch"] == "deal_without_contact_role"
    }
    assert role_less and role_less <= opps
    assert {r["OpportunityId"] for r in roles} == opps - role_less
    for obj in ("Task", "Event"):
        assert {r["WhoId"] for r in objects[obj]} - {""} <= leads | contacts
        assert {r["WhatId"] for r in objects[obj]} - {""} <= opps
    merged = [r for r in objects["Lead"] if r["MasterRecordId"]]
    assert merged and all(r["IsDeleted"] == "true" for r in merged)
    assert {r["MasterRecordId"] for r in merged} <= leads | contacts


def test_conversion_at_sql_or_first_deal(objects, sf, truth):
    """A contact converts on the day it first reached SQL or later, or went on a deal."""
    mapping = read_csv(sf / "_truth" / "salesforce_ids.csv")
    ids = {(r["generator_id"], r["object"]): r["salesforce_id"] for r in mapping}
    leads = {r["Id"]: r for r in objects["Lead"]}
    on_deal: dict[str, list[str]] = {}
    for d in truth("deals"):
        for cid in d["buying_group"].split(";"):
            on_deal.setdefault(cid, []).append(d["created_at"])
    n_converted = 0
    for c in truth("contacts"):
        moments = [c[k] for k in ("sql_at", "opportunity_at", "customer_at", "evangelist_at")]
        moments = [m for m in moments + on_deal.get(c["contact_id"], []) if m]
        lead = leads[ids[c["contact_id"], "Lead"]]
        if not moments:
            assert lead["IsConverted"] == "false", c
            continue
        n_converted += 1
        assert lead["IsConverted"] == "true", c
        assert lead["ConvertedDate"] == min(moments)[:10], c
        assert lead["ConvertedContactId"] == ids[c["contact_id"], "Contact"]
    assert n_converted > 10


def test_history_splits_at_conversion(objects):
    # A converted Lead is read-only: its last modification is the conversion.
    at = {
        r["Id"]: datetime.strptime(r["LastModifiedDate"], "%Y-%m-%dT%H:%M:%S.%f%z")
        for r in objects["Lead"]
        if r["IsConverted"] == "true"
    }
    for r in objects["LeadHistory"]:
        if r["LeadId"] in at:
            assert datetime.strptime(r["CreatedDate"], "%Y-%m-%dT%H:%M:%S.%f%z") <= at[r["LeadId"]]
    changes = [r for r in objects["ContactHistory"] if r["Field"] != "created"]
    assert changes and {r["Field"] for r in changes} <= {"Lifecycle_Stage__c", "Lead_Status__c"}
    assert "Customer" in {r["NewValue"] for r in changes}


def _hashes(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_truth_is_the_hubspot_truth(sf, landing):
    hub, sales = landing / "_truth", sf / "_truth"
    names = {p.name for p in hub.iterdir()}
    assert {p.name for p in sales.iterdir()} == names | {"salesforce_ids.csv"}
    for name in sorted(names - {"malformed.csv"}):
        assert (hub / name).read_bytes() == (sales / name).read_bytes(), name
    hub_rows = [r for r in read_csv(hub / "malformed.csv") if r["source"] != "hubspot"]
    assert read_csv(sales / "malformed.csv") == hub_rows
    # the other sources are the same files too, but quotas name the rep by the User Id
    for src in ("google_ads", "meta_ads", "linkedin_ads", "sendgrid", "web", "targets"):
        same = {k: v for k, v in _hashes(landing / src).items() if k != "quotas.csv"}
        assert same == {k: v for k, v in _hashes(sf / src).items() if k != "quotas.csv"}, src
    users = {r["salesforce_id"]: r["generator_id"] for r in read_csv(sales / "salesforce_ids.csv")}
    hub_quotas = read_csv(landing / "targets" / "quotas.csv")
    sf_quotas = read_csv(sf / "targets" / "quotas.csv")
    assert [dict(r, owner_id=users[r["owner_id"]]) for r in sf_quotas] == hub_quotas


def test_same_seed_same_bytes(sf, tmp_path):
    again = tmp_path / "again"
    generate(again, scale="tiny", seed=42, crm="salesforce")
    assert _hashes(sf) == _hashes(again)


def test_contact_history_follows_conversion(objects):
    created = {r["Id"]: r["CreatedDate"] for r in objects["Contact"]}
    for r in objects["ContactHistory"]:
        if r["Field"] == "created":
            assert r["CreatedDate"] == created[r["ContactId"]]
        else:
            assert r["CreatedDate"] > created[r["ContactId"]], r


def test_picklist_values_are_the_contract_labels(objects):
    lifecycle = set(LIFECYCLE_LABELS.split("|"))
    status = set(STATUS_LABELS.split("|"))
    stages = set(STAGE_LABELS.split("|"))
    for obj in ("Lead", "Contact", "Account"):
        assert {r["Lifecycle_Stage__c"] for r in objects[obj]} <= lifecycle, obj
    assert {r["Status"] for r in objects["Lead"]} - {""} <= status
    assert {r["Lead_Status__c"] for r in objects["Contact"]} - {""} <= status
    assert {r["StageName"] for r in objects["Opportunity"]} <= stages
    assert {r["StageName"] for r in objects["OpportunityHistory"]} <= stages
    for r in objects["LeadHistory"] + objects["ContactHistory"]:
        if r["Field"] in ("Status", "Lead_Status__c"):
            assert r["NewValue"] in status, r
        elif r["Field"] == "Lifecycle_Stage__c":
            assert r["NewValue"] in lifecycle, r
    subtypes = {r["TaskSubtype"] for r in objects["Task"]}
    assert subtypes == {"Call", "Email"}
