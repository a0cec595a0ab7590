"""`--crm salesforce`: shared activities (docs/salesforce.md §2, §5). Every contact of a
HubSpot call, email or meeting is a TaskRelation / EventRelation of its Task / Event.

Expectations come from the HubSpot generation of the same seed (the `landing` fixture) and
`_truth/salesforce_ids.csv`, never from the translation's own tables.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path


def _newest_engagements(landing: Path, kind: str, skip) -> dict[str, dict]:
    best: dict[str, dict] = {}
    for page in sorted((landing / "hubspot" / kind).rglob("page-*.json")):
        rel = str(page.relative_to(landing))
        for i, e in enumerate(json.loads(page.read_bytes())["results"]):
            if (rel, f"results[{i}]") in skip or not e.get("id"):
                continue
            if e["id"] not in best or e["updatedAt"] >= best[e["id"]]["updatedAt"]:
                best[e["id"]] = e
    return best


def test_shared_activities_relate_every_contact_of_the_engagement(objects, sf, landing, defects):
    """docs/salesforce.md §5: every contact of a HubSpot call, email or meeting is a relation
    of its Task / Event (IsWhat false, its WhoId among them), the deal one with IsWhat true."""
    skip = {(d["file"], d["locator"]) for d in defects if d["source"] == "hubspot"}
    generator: dict[str, str] = {}
    salesforce: dict[tuple[str, str], str] = {}
    with open(sf / "_truth" / "salesforce_ids.csv", newline="") as fh:
        mapping = list(csv.DictReader(fh))
    for r in mapping:
        generator[r["salesforce_id"]] = r["generator_id"]
        salesforce[r["generator_id"], r["object"]] = r["salesforce_id"]
    people = {g for (g, obj) in salesforce if obj == "Lead"}
    expected: dict[str, list[str]] = {}
    for kind, obj in (("calls", "Task"), ("emails", "Task"), ("meetings", "Event")):
        for eid, e in _newest_engagements(landing, kind, skip).items():
            contacts = e["associations"].get("contacts", {}).get("results", [])
            persons = [c["id"] for c in contacts if c["id"] in people]
            if persons:
                expected[salesforce[eid, obj]] = sorted(persons)
    related: dict[str, list[str]] = {}
    whats: dict[str, list[str]] = {}
    for obj, key in (("TaskRelation", "TaskId"), ("EventRelation", "EventId")):
        for r in objects[obj]:
            if r["IsWhat"] == "false":
                related.setdefault(r[key], []).append(generator[r["RelationId"]])
            else:
                whats.setdefault(r[key], []).append(r["RelationId"])
    assert {k: sorted(v) for k, v in related.items()} == expected
    assert any(len(v) > 1 for v in expected.values())  # shared activities do occur
    activities = objects["Task"] + objects["Event"]
    assert all(generator[a["WhoId"]] in expected[a["Id"]] for a in activities if a["WhoId"])
    assert whats == {a["Id"]: [a["WhatId"]] for a in activities if a["WhatId"]}
