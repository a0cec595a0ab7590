"""The truth is internally consistent and agrees with what the files say, counted here."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

from .conftest import MALFORMED_KINDS

STAGES = ("lead_at", "mql_at", "sal_at", "sql_at", "opportunity_at", "customer_at", "evangelist_at")
BENIGN_KINDS = {
    "duplicate_delivery",
    "duplicate_message",
    "late_arrival",
    "email_casing",
    "merged_contact",
}


def _latest_objects(landing: Path, obj: str) -> dict[str, dict]:
    """Newest version of every object across the incremental snapshots."""
    latest = {}
    for snap in sorted((landing / "hubspot" / obj).iterdir()):
        for page in sorted(snap.glob("page-*.json")):
            for o in json.loads(page.read_bytes())["results"]:
                latest[o["id"]] = o
    return latest


def _ts(value: str) -> str:
    return value.replace(".000Z", "Z")


def test_every_defect_kind_is_planted(defects):
    assert {d["defect"] for d in defects} == MALFORMED_KINDS | BENIGN_KINDS


def test_stage_timestamps_never_go_backwards(truth):
    contacts = truth("contacts")
    assert 200 <= len(contacts) <= 1000
    for c in contacts:
        stamps = [c[s] for s in STAGES if c[s]]
        assert stamps == sorted(stamps), c
        assert c["lead_at"]


def test_funnel_has_every_path(truth):
    contacts, companies, deals = truth("contacts"), truth("companies"), truth("deals")
    won = [d for d in deals if d["outcome"] == "won"]
    assert len(won) >= 5
    assert any(d["outcome"] == "lost" and d["loss_reason"] for d in deals)
    assert any(int(d["close_date_pushes"]) > 0 for d in deals)
    assert any(c["churned_at"] for c in companies)
    assert any(int(c["recycled_count"]) > 0 for c in contacts)
    assert any(c["disqualified_at"] for c in contacts)
    assert any(c["merged_ids"] for c in contacts)
    assert any(c["nurture_program"] for c in contacts)
    assert any(c["mql_at"] and c["mql_at"] != c["mql_by_score_at"] for c in contacts)
    assert any(c["mql_at"] and c["mql_at"] == c["mql_by_score_at"] for c in contacts)


def test_won_deals_have_customer_buying_groups(truth):
    contacts = {c["contact_id"]: c for c in truth("contacts")}
    role_less = {
        b["entity_id"] for b in truth("branches") if b["branch"] == "deal_without_contact_role"
    }
    first_win: dict[str, str] = {}
    for d in sorted(truth("deals"), key=lambda d: d["closed_at"]):
        if d["outcome"] == "won" and d["deal_type"] == "new_business":
            first_win.setdefault(d["company_id"], d["deal_id"])
    for d in truth("deals"):
        group = [g for g in d["buying_group"].split(";") if g]
        assert (not group) == (d["deal_id"] in role_less), d
        assert all(g in contacts for g in group)
        assert all(contacts[g]["company_id"] == d["company_id"] for g in group)
        # A contact becomes a customer with its company's first sale (or an add-on closed
        # with it); later deals (expansion, renewal, return after churn) move no stage.
        if d["outcome"] == "won":
            first = first_win[d["company_id"]]
            closed = [x for x in truth("deals") if x["deal_id"] == first][0]["closed_at"]
            assert all(contacts[g]["customer_at"] == closed for g in group), d
            assert closed <= d["closed_at"]
        assert all(contacts[g]["opportunity_at"] <= d["created_at"] for g in group)


def test_recycles_and_churn_are_transitions(truth):
    trans = truth("lifecycle_transitions")
    by_contact = defaultdict(list)
    for t in trans:
        by_contact[t["contact_id"]].append(t)
    for c in truth("contacts"):
        steps = by_contact[c["contact_id"]]
        assert sum(1 for t in steps if t["to_stage"] == "recycled") == int(c["recycled_count"])
        assert [t["at"] for t in steps] == sorted(t["at"] for t in steps)
        for a, b in zip(steps, steps[1:], strict=False):
            assert b["from_stage"] == a["to_stage"]
        if c["churned_at"]:
            assert any(t["to_stage"] == "churned" and t["at"] == c["churned_at"] for t in steps)


def test_crm_history_agrees_with_truth(landing, truth):
    latest = _latest_objects(landing, "contacts")
    for c in truth("contacts"):
        obj = latest[c["contact_id"]]
        hist = obj["propertiesWithHistory"]["lifecyclestage"][::-1]
        firsts = {}
        for h in hist:
            firsts.setdefault(h["value"], _ts(h["timestamp"]))
        assert firsts.get("marketingqualifiedlead", "") == c["mql_at"]
        assert firsts.get("salesqualifiedlead", "") == c["sql_at"]
        assert firsts.get("customer", "") == c["customer_at"]
        sal = [
            h
            for h in obj["propertiesWithHistory"]["hs_lead_status"][::-1]
            if h["value"] == "IN_PROGRESS"
        ]
        assert (_ts(sal[0]["timestamp"]) if sal else "") == c["sal_at"]
        assert obj["properties"]["email"].strip().lower() == c["email"]
        if c["merged_ids"]:
            assert obj["properties"]["hs_merged_object_ids"] == c["merged_ids"]


def test_merged_contact_only_in_an_earlier_snapshot(landing, truth):
    losers = {m for c in truth("contacts") for m in c["merged_ids"].split(";") if m}
    assert losers
    for snap in sorted((landing / "hubspot/contacts").iterdir())[1:]:
        for page in snap.glob("page-*.json"):
            ids = {o["id"] for o in json.loads(page.read_bytes())["results"]}
            assert not ids & losers
    assert losers <= set(_latest_objects(landing, "contacts"))


def test_deals_agree_with_crm(landing, truth):
    latest = _latest_objects(landing, "deals")
    truth_deals = {d["deal_id"]: d for d in truth("deals")}
    won_stages = ("closedwon", "1290437")  # the sales and the expansion pipeline
    crm_won = {i for i, o in latest.items() if o["properties"]["dealstage"] in won_stages}
    assert crm_won == {i for i, d in truth_deals.items() if d["outcome"] == "won"}
    for i in crm_won:
        assert float(latest[i]["properties"]["amount"]) == float(truth_deals[i]["amount"])
        assert latest[i]["properties"]["deal_currency_code"] == truth_deals[i]["currency"]


def test_hubspot_totals_match_pages(landing, totals, bad_locations):
    for obj in ("contacts", "companies", "deals", "calls", "meetings", "emails"):
        records, ids = 0, set()
        for page in (landing / "hubspot" / obj).rglob("page-*.json"):
            rel = str(page.relative_to(landing))
            for i, o in enumerate(json.loads(page.read_bytes())["results"]):
                records += 1
                if (rel, f"results[{i}]") not in bad_locations:
                    ids.add(o["id"])
        t = totals[f"hubspot/{obj}"]
        assert records == t["records_written"]
        assert len(ids) == t["unique"]


def test_ad_spend_truth_is_final_and_non_negative(landing, truth, defects):
    spend = truth("ad_spend")
    assert all(float(r["spend"]) >= 0 for r in spend)
    assert {r["currency"] for r in spend} == {"USD", "EUR", "GBP"}
    assert any(d["defect"] == "negative_spend" for d in defects)
    bad = {(d["file"], d["locator"]) for d in defects}
    newest = {}
    for month in sorted((landing / "google_ads/campaign_report/1234567890").iterdir()):
        for page in sorted(month.glob("page-*.json")):
            rel = str(page.relative_to(landing))
            for j, r in enumerate(json.loads(page.read_bytes())["results"]):
                if (rel, f"results[{j}]") not in bad:
                    newest[r["campaign"]["id"], r["segments"]["date"]] = r["metrics"]
    google = {(r["campaign_id"], r["date"]): r for r in spend if r["platform"] == "google"}
    assert set(google) == set(newest)
    for key, m in newest.items():
        assert int(m["costMicros"]) == round(float(google[key]["spend"]) * 1_000_000)
        assert int(m["clicks"]) == int(google[key]["clicks"])


def test_ad_clicks_cover_tracked_sessions(truth):
    sessions = Counter()
    platform = {"paid_search": "google", "paid_social": "meta", "linkedin": "linkedin"}
    for s in truth("sessions"):
        if s["channel"] in platform:
            sessions[platform[s["channel"]], s["started_at"][:10]] += 1
    clicks = Counter()
    for r in truth("ad_spend"):
        clicks[r["platform"], r["date"]] += int(r["clicks"])
    assert sessions
    assert all(clicks[k] >= n for k, n in sessions.items())


def test_sendgrid_counts_match_files(landing, truth, totals, defects):
    unreadable = {d["file"] for d in defects if d["defect"] == "unreadable_file"}
    bad = {(d["file"], d["locator"]) for d in defects if d["defect"] in MALFORMED_KINDS}
    seen: dict[str, list[str]] = defaultdict(list)
    events: dict[str, str] = {}
    records = 0
    for f in sorted((landing / "sendgrid/events").rglob("batch-*.json")):
        rel = str(f.relative_to(landing))
        if rel in unreadable:
            continue
        for i, ev in enumerate(json.loads(f.read_bytes())):
            records += 1
            if (rel, f"[{i}]") in bad:
                continue
            seen[ev["sg_event_id"]].append(rel)
            events[ev["sg_event_id"]] = ev["event"]
    rows = {r["event"]: r for r in truth("email_events")}
    assert len(seen) == sum(int(r["unique_events"]) for r in rows.values())
    dupes = sum(len(v) - 1 for v in seen.values())
    assert dupes == sum(int(r["duplicate_deliveries"]) for r in rows.values()) > 0
    assert all(len(set(v)) == len(v) for v in seen.values())  # redelivered in a later batch
    per_event = Counter(events.values())
    assert per_event == Counter({e: int(r["unique_events"]) for e, r in rows.items()})
    t = totals["sendgrid/events"]
    assert records == t["records_written"] == t["unique"] + t["duplicates"] + t["malformed"]


def test_web_counts_match_files(landing, truth, totals, defects):
    bad = {(d["file"], d["locator"]) for d in defects if d["defect"] in MALFORMED_KINDS}
    ids, sessions, records = Counter(), set(), 0
    for f in sorted((landing / "web/events").rglob("part-*.jsonl")):
        rel = str(f.relative_to(landing))
        for n, line in enumerate(f.read_bytes().splitlines(), 1):
            records += 1
            if (rel, str(n)) in bad:
                continue
            ev = json.loads(line)
            ids[ev["messageId"]] += 1
            sessions.add(ev["context"]["sessionId"])
    t = totals["web/events"]
    assert records == t["records_written"]
    assert len(ids) == t["unique"]
    assert sum(ids.values()) - len(ids) == t["duplicates"] > 0
    truth_sessions = truth("sessions")
    assert sessions == {s["session_id"] for s in truth_sessions}
    before = [s for s in truth_sessions if s["before_identification"] == "true"]
    assert before and all(s["contact_id"] for s in before)
    assert any(not s["contact_id"] for s in truth_sessions)


def test_identified_visitors_stitch_to_their_contact(landing, truth):
    contacts = {c["contact_id"]: c for c in truth("contacts")}
    for s in truth("sessions"):
        if s["contact_id"]:
            assert s["visitor_id"] in contacts[s["contact_id"]]["visitor_ids"].split(";")
