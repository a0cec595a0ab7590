"""Every edge case of docs/playbook.md §6 happens in the tiny demo, the truth records it
(`_truth/branches.csv`), and the vendor files carry it the way the branch says."""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from demo.generate import generate

BRANCHES = {
    "won_without_touch",
    "deal_without_contact_role",
    "touch_at_deal_creation",
    "touch_at_lookback_boundary",
    "lead_imported_before_touch",
    "contact_without_account",
    "churned_customer_returned",
    "upsell_at_first_sale",
    "expansion_pipeline",
}
EXPANSION_STAGES = {
    "1290434": ("Expansion discovery", "0.3"),
    "1290435": ("Proposal sent", "0.6"),
    "1290436": ("Contract sent", "0.9"),
    "1290437": ("Closed won", "1.0"),
    "1290438": ("Closed lost", "0.0"),
}


def _latest(landing: Path, obj: str) -> dict[str, dict]:
    out = {}
    for snap in sorted((landing / "hubspot" / obj).iterdir()):
        for page in sorted(snap.glob("page-*.json")):
            for o in json.loads(page.read_bytes())["results"]:
                out[o["id"]] = o
    return out


def _t(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def _ids(assoc: dict, kind: str) -> list[str]:
    return [a["id"] for a in assoc.get(kind, {}).get("results", [])]


@pytest.fixture(scope="module")
def branches(truth) -> dict[str, list[dict]]:
    out = defaultdict(list)
    for row in truth("branches"):
        out[row["branch"]].append(row)
    return out


@pytest.fixture(scope="module")
def hs(landing) -> dict[str, dict[str, dict]]:
    return {o: _latest(landing, o) for o in ("contacts", "companies", "deals", "calls", "meetings")}


@pytest.fixture(scope="module")
def deals(truth) -> dict[str, dict]:
    return {d["deal_id"]: d for d in truth("deals")}


def _sales_touches(hs) -> dict[str, list[datetime]]:
    """contact id -> times of the calls and meetings associated with it."""
    out = defaultdict(list)
    for kind in ("calls", "meetings"):
        for e in hs[kind].values():
            for cid in _ids(e["associations"], "contacts"):
                out[cid].append(_t(e["properties"]["hs_timestamp"]))
    return out


@pytest.mark.parametrize("seed", [3, 7])
def test_every_branch_happens_at_any_seed(tmp_path, seed):
    generate(tmp_path / "landing", scale="tiny", seed=seed)
    with open(tmp_path / "landing" / "_truth" / "branches.csv", newline="") as fh:
        assert {r["branch"] for r in csv.DictReader(fh)} >= BRANCHES


def test_every_branch_happens_in_the_tiny_demo(branches):
    assert set(branches) >= BRANCHES
    for row in branches["expansion_pipeline"]:
        assert row["entity_type"] == "deal" and row["detail"] in ("expansion", "renewal")


def test_deal_types_and_pipelines(deals, hs):
    assert {d["deal_type"] for d in deals.values()} == {"new_business", "expansion", "renewal"}
    assert {d["pipeline_id"] for d in deals.values()} == {"default", "1290433"}
    to_type = {"newbusiness": "new_business", "existingbusiness": "expansion", "renewal": "renewal"}
    for deal_id, d in deals.items():
        p = hs["deals"][deal_id]["properties"]
        assert to_type[p["dealtype"]] == d["deal_type"] and p["pipeline"] == d["pipeline_id"]
        stages = {h["value"] for h in hs["deals"][deal_id]["propertiesWithHistory"]["dealstage"]}
        if d["pipeline_id"] == "1290433":
            assert d["deal_type"] != "new_business" and stages <= set(EXPANSION_STAGES)
        else:
            assert not stages & set(EXPANSION_STAGES)


def test_the_pipelines_file_has_the_expansion_pipeline(landing):
    body = json.loads((landing / "hubspot/pipelines/deals.json").read_bytes())
    pipelines = {p["id"]: p for p in body["results"]}
    assert pipelines["default"]["label"] == "Sales Pipeline"
    expansion = pipelines["1290433"]
    assert expansion["label"] == "Expansion Pipeline"
    assert {
        s["id"]: (s["label"], s["metadata"]["probability"]) for s in expansion["stages"]
    } == EXPANSION_STAGES


def test_later_deals_move_no_contact_stage(deals, hs):
    """Expansion, renewal and return deals come after the first sale (an add-on closes with
    it): no lifecycle change of their contacts happens at their creation or close."""
    first_win = {}
    for d in sorted(deals.values(), key=lambda d: d["closed_at"]):
        if d["outcome"] == "won" and d["deal_type"] == "new_business":
            first_win.setdefault(d["company_id"], _t(d["closed_at"]))
    later = [
        d
        for d in deals.values()
        if d["deal_type"] != "new_business"
        or (d["company_id"] in first_win and _t(d["created_at"]) > first_win[d["company_id"]])
    ]
    assert later
    for d in later:
        moments = {_t(d["created_at"])} | ({_t(d["closed_at"])} if d["closed_at"] else set())
        moments -= {first_win[d["company_id"]]}
        for cid in filter(None, d["buying_group"].split(";")):
            history = hs["contacts"][cid]["propertiesWithHistory"]["lifecyclestage"]
            assert not {_t(h["timestamp"]) for h in history} & moments, (d["deal_id"], cid)


def test_upsell_closes_with_the_first_sale(branches, deals):
    for row in branches["upsell_at_first_sale"]:
        up, first = deals[row["entity_id"]], deals[row["detail"].split()[-1]]
        assert up["deal_type"] == "expansion" and up["outcome"] == first["outcome"] == "won"
        assert up["closed_at"][:10] == first["closed_at"][:10]
        assert first["deal_type"] == "new_business"


def test_won_without_touch_has_no_touch_before_the_close(branches, deals, truth, hs):
    sessions = defaultdict(list)
    for s in truth("sessions"):
        sessions[s["contact_id"]].append(_t(s["started_at"]))
    calls = _sales_touches(hs)
    for row in branches["won_without_touch"]:
        d = deals[row["entity_id"]]
        assert d["outcome"] == "won"
        closed = _t(d["closed_at"])
        people = [c["contact_id"] for c in truth("contacts") if c["company_id"] == d["company_id"]]
        for cid in people:
            assert all(t >= closed for t in sessions[cid] + calls[cid]), cid
            assert hs["contacts"][cid]["properties"]["hs_analytics_source"] == "OFFLINE"
            assert not hs["contacts"][cid]["properties"]["closedloop_visitor_id"]


def test_touches_at_the_lookback_boundary_and_at_creation(branches, deals, hs):
    calls = _sales_touches(hs)
    for row in branches["touch_at_lookback_boundary"]:
        d = deals[row["entity_id"]]
        boundary = _t(d["closed_at"]) - timedelta(days=365)
        assert _t(row["detail"].split()[0]) == boundary
        group = d["buying_group"].split(";")
        assert any(boundary in calls[c] for c in group)
        assert any(boundary - timedelta(seconds=1) in calls[c] for c in group)
    for row in branches["touch_at_deal_creation"]:
        d = deals[row["entity_id"]]
        on_deal = [
            _t(e["properties"]["hs_timestamp"])
            for e in hs["calls"].values()
            if row["entity_id"] in _ids(e["associations"], "deals")
        ]
        assert _t(d["created_at"]) == _t(row["detail"]) in on_deal


def test_deals_without_contact_roles(branches, deals, hs):
    assert any(
        deals[r["entity_id"]]["outcome"] == "won" for r in branches["deal_without_contact_role"]
    )
    for row in branches["deal_without_contact_role"]:
        d = hs["deals"][row["entity_id"]]
        assert "contacts" not in d["associations"]
        assert _ids(d["associations"], "companies") == [deals[row["entity_id"]]["company_id"]]
        assert deals[row["entity_id"]]["buying_group"] == ""


def test_contacts_without_account_and_imported_leads(branches, truth, hs):
    contacts = {c["contact_id"]: c for c in truth("contacts")}
    for row in branches["contact_without_account"]:
        o = hs["contacts"][row["entity_id"]]
        assert "companies" not in o["associations"]
        assert o["properties"]["associatedcompanyid"] is None
        assert o["properties"]["email"].strip().lower().endswith("@gmail.com")
        assert contacts[row["entity_id"]]["company_id"] == ""
    emails = [c["email"] for c in contacts.values()]
    assert len(emails) == len(set(emails))
    before = {s["contact_id"] for s in truth("sessions") if s["before_identification"] == "true"}
    for row in branches["lead_imported_before_touch"]:
        o = hs["contacts"][row["entity_id"]]
        assert o["properties"]["hs_analytics_source"] == "OFFLINE"
        assert row["entity_id"] not in before
        assert contacts[row["entity_id"]]["lead_at"] == row["detail"]


def test_churned_customers_return(branches, truth, deals, hs):
    companies = {c["company_id"]: c for c in truth("companies")}
    for row in branches["churned_customer_returned"]:
        co = companies[row["entity_id"]]
        back = deals[row["detail"].split()[1]]
        assert back["deal_type"] == "new_business" and back["outcome"] == "won"
        assert co["churned_at"] and co["churned_at"] < back["created_at"]
        o = hs["companies"][row["entity_id"]]
        stages = [h["value"] for h in o["propertiesWithHistory"]["lifecyclestage"]]
        assert stages[:2] == ["customer", "other"]  # newest first: back to customer
        assert o["properties"]["churn_date"] == co["churned_at"][:10]
        assert _t(o["properties"]["hs_lifecyclestage_customer_date"]) == _t(co["customer_at"])


def test_salesforce_types_and_record_types(objects, sf):
    with open(sf / "_truth" / "salesforce_ids.csv", newline="") as fh:
        ids = {r["salesforce_id"]: r["generator_id"] for r in csv.DictReader(fh)}
    with open(sf / "_truth" / "deals.csv", newline="") as fh:
        deals = {d["deal_id"]: d for d in csv.DictReader(fh)}
    types = {
        "new_business": {"New Customer"},
        "expansion": {"Existing Customer - Upgrade"},
        "renewal": {"Existing Customer - Replacement", "Existing Customer - Downgrade"},
    }
    seen = set()
    for opp in objects["Opportunity"]:
        d = deals[ids[opp["Id"]]]
        assert opp["Type"] in types[d["deal_type"]], opp
        seen.add(opp["Type"])
        expansion = d["pipeline_id"] == "1290433"
        assert opp["RecordTypeId"] == ("0124x000000EXPAAA" if expansion else "")
        if expansion:
            assert opp["StageName"] in {
                "Expansion Discovery",
                "Expansion Proposal",
                "Contract Sent",
                "Closed Won",
                "Closed Lost",
            }
    assert "Existing Customer - Downgrade" in seen and "Existing Customer - Upgrade" in seen
