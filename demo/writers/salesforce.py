"""The demo company as Salesforce Bulk API 2.0 exports (docs/salesforce.md §5).

`translate` reads the HubSpot pages the generator wrote (the newest version of each object,
without the malformed records listed in _truth/malformed.csv), writes
`salesforce/<Object>/part-0001.csv` and `_truth/salesforce_ids.csv`, drops the HubSpot rows
of `_truth/malformed.csv` and removes `hubspot/`.
"""

from __future__ import annotations

import csv
import glob
import os
import re
import shutil

import orjson

from .salesforce_activities import Activities
from .salesforce_deals import Deals, contacts_on_deals
from .salesforce_ids import Sequence
from .salesforce_io import BulkWriter, malformed_locations, newest
from .salesforce_org import accounts, users
from .salesforce_people import People

MERGE_DETAIL = re.compile(r"merged into (\d+) at (\S+)")


def _owners(out_dir: str) -> list[dict]:
    out = []
    for path in sorted(glob.glob(os.path.join(out_dir, "hubspot", "owners", "page-*.json"))):
        with open(path, "rb") as fh:
            out += orjson.loads(fh.read())["results"]
    return out


def _merges(contacts: list[dict], truth_dir: str) -> dict[str, tuple[str, str]]:
    """Merged-away contact id -> (survivor id, merge time). The survivor names the loser in
    `hs_merged_object_ids`; the time is the generator's (its dirt log), else the survivor's
    last update."""
    logged = {}
    with open(os.path.join(truth_dir, "malformed.csv"), newline="") as fh:
        for r in csv.DictReader(fh):
            m = MERGE_DETAIL.match(r["detail"]) if r["defect"] == "merged_contact" else None
            if m:
                logged[r["locator"].removeprefix("id=")] = m.group(2)
    out = {}
    for c in contacts:
        for loser in (c["properties"].get("hs_merged_object_ids") or "").split(";"):
            if loser:
                out[loser] = (c["id"], logged.get(loser, c["updatedAt"]))
    return out


def _drop_hubspot_truth(truth_dir: str) -> None:
    path = os.path.join(truth_dir, "malformed.csv")
    with open(path, newline="") as fh:
        rows = list(csv.reader(fh))
    with open(path, "w", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(
            r for i, r in enumerate(rows) if i == 0 or r[0] != "hubspot"
        )


def _quotas_by_user(out_dir: str, by_owner: dict[str, str]) -> None:
    """The quota file names the rep by the CRM's owner id: in Salesforce, the User Id."""
    path = os.path.join(out_dir, "targets", "quotas.csv")
    if not os.path.exists(path):
        return
    with open(path, newline="") as fh:
        rows = list(csv.reader(fh))
    for row in rows[1:]:
        row[0] = by_owner.get(row[0], row[0])
    with open(path, "w", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


def translate(out_dir: str) -> dict[str, int]:
    """Returns the number of records written per Salesforce object."""
    truth_dir = os.path.join(out_dir, "_truth")
    skip = malformed_locations(truth_dir)
    hs = {
        o: newest(out_dir, o, skip)
        for o in ("contacts", "companies", "deals", "calls", "meetings", "emails")
    }
    out, ids = BulkWriter(out_dir), []
    history_ids = Sequence("LeadHistory")
    by_owner = users(out, ids, _owners(out_dir))
    by_company = accounts(out, ids, hs["companies"], by_owner)
    people = People(out, ids, history_ids, by_owner, by_company)
    people.translate(
        hs["contacts"], contacts_on_deals(hs["deals"]), _merges(hs["contacts"], truth_dir)
    )
    sources = {c["id"]: c["properties"].get("hs_analytics_source") or "" for c in hs["contacts"]}
    deals = Deals(out, ids, history_ids, by_owner, by_company)
    deals.translate(hs["deals"], people.people, sources)
    activities = Activities(out, ids, by_owner, people.people, deals.account_of)
    activities.tasks("calls", hs["calls"])
    activities.tasks("emails", hs["emails"])
    activities.events(hs["meetings"])
    out.close()
    with open(os.path.join(truth_dir, "salesforce_ids.csv"), "w", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(("generator_id", "object", "salesforce_id"))
        w.writerows(ids)
    _drop_hubspot_truth(truth_dir)
    _quotas_by_user(out_dir, by_owner)
    shutil.rmtree(os.path.join(out_dir, "hubspot"))
    return dict(out.counts)
