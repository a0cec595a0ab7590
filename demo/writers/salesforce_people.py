"""HubSpot contacts -> Leads, converted into Contacts; LeadHistory and ContactHistory.

Every contact is a Lead created at its lead date. It is converted into a Contact at the
earliest moment it reached SQL or a later lifecycle stage (the lifecycle history) or was put
on a deal (the deal's creation). Lifecycle, lead status and owner changes up to the
conversion are LeadHistory, later ones ContactHistory (owner: `Field = Owner`, user ids).
HubSpot's `hs_role` is the Contact's `Department`; `disqualification_reason` is
`Disqualification_Reason__c` on both. A merged-away contact is a deleted Lead whose
MasterRecordId is the survivor's record at the merge (its Lead, or its Contact once
converted).
"""

from __future__ import annotations

from dataclasses import dataclass

from .salesforce_fields import (
    CONVERTING_STAGES,
    DEPARTMENT,
    LEAD_STATUS,
    LIFECYCLE,
    PERSON_STAMPS,
    day,
    flag,
    ts,
)
from .salesforce_ids import Sequence, sfid

TRACKED = (
    ("lifecyclestage", LIFECYCLE),
    ("hs_lead_status", LEAD_STATUS),
    ("hubspot_owner_id", None),  # None: labels are the Salesforce users
)


@dataclass
class Person:
    lead_id: str
    contact_id: str | None  # set when converted
    converted_at: str | None  # HubSpot ISO timestamp of the conversion
    account_id: str

    def id_at(self, when: str) -> str:
        """The record that stands for the person at `when`: its Contact once converted."""
        if self.contact_id and self.converted_at is not None and self.converted_at <= when:
            return self.contact_id
        return self.lead_id


def _history(o: dict, users: dict) -> list[tuple[str, str, str]]:
    """(timestamp, HubSpot property, Salesforce value) of tracked changes, oldest first."""
    out = []
    for prop, labels in TRACKED:
        labels = users if labels is None else labels
        for h in reversed(o.get("propertiesWithHistory", {}).get(prop, [])):
            out.append((h["timestamp"], prop, labels.get(h["value"], h["value"])))
    out.sort(key=lambda x: x[0])
    return out


def conversion_time(o: dict, deal_created: list[str]) -> str | None:
    moments = [
        h["timestamp"]
        for h in o.get("propertiesWithHistory", {}).get("lifecyclestage", [])
        if h["value"] in CONVERTING_STAGES
    ]
    moments += deal_created
    return min(moments) if moments else None


def _customs(p: dict, until: str | None) -> dict:
    row = {
        "Seniority__c": p.get("seniority") or "",
        "Persona__c": p.get("hs_persona") or "",
        "Visitor_Id__c": p.get("closedloop_visitor_id") or "",
        "Nurture_Program__c": p.get("closedloop_nurture_program") or "",
        "Decision_Maker__c": flag(p.get("decision_maker") == "true"),
        "BANT_Budget__c": p.get("bant_budget") or "",
        "BANT_Authority__c": p.get("bant_authority") or "",
        "BANT_Need__c": p.get("bant_need") or "",
        "BANT_Timeline__c": p.get("bant_timeline") or "",
        "Disqualification_Reason__c": p.get("disqualification_reason") or "",
    }
    for prop, field in PERSON_STAMPS:
        value = p.get(prop)
        row[field] = ts(value) if value and (until is None or value <= until) else ""
    return row


class People:
    def __init__(self, out, ids: list, history_ids: Sequence, users: dict, accounts: dict):
        self.out, self.ids, self.hist_id = out, ids, history_ids
        self.users, self.accounts = users, accounts
        self.people: dict[str, Person] = {}

    def translate(self, contacts: list[dict], deals_of: dict, merges: dict) -> None:
        """`deals_of`: contact id -> [(deal createdAt, deal id)]; `merges`: loser -> (survivor,
        merge time) from the survivors' `hs_merged_object_ids`."""
        for o in contacts:
            p = o["properties"]
            created = deals_of.get(o["id"], [])
            conv = None if o["id"] in merges else conversion_time(o, [c for c, _ in created])
            n = int(o["id"])
            self.people[o["id"]] = Person(
                sfid("Lead", n),
                sfid("Contact", n) if conv else None,
                conv,
                self.accounts.get(p.get("associatedcompanyid") or "", ""),
            )
        for o in contacts:
            self._person(o, deals_of.get(o["id"], []), merges.get(o["id"]))

    def _person(self, o: dict, deals: list, merge: tuple | None) -> None:
        p, me = o["properties"], self.people[o["id"]]
        conv, owner = me.converted_at, self.users.get(p.get("hubspot_owner_id") or "", "")
        history = _history(o, self.users)
        now = {"lifecyclestage": "", "hs_lead_status": "", "hubspot_owner_id": ""}
        lead_rows, contact_rows = [], []
        at_conversion = dict(now)
        for when, prop, value in history:
            old = now[prop]
            if value == old:
                continue
            now[prop] = value
            after = conv is not None and when > conv
            (contact_rows if after else lead_rows).append((when, prop, old, value))
            if not after:
                at_conversion = dict(now)
        if conv is None:
            at_conversion = now
        modified = o["updatedAt"]
        opportunity = next((sfid("Opportunity", int(d)) for c, d in deals if c == conv), "")
        deleted, master = False, ""
        if merge is not None:
            survivor, t_merge = merge
            deleted, master, modified = True, self.people[survivor].id_at(t_merge), t_merge
        lead = {
            "Id": me.lead_id,
            "IsDeleted": flag(deleted),
            "MasterRecordId": master,
            "FirstName": p.get("firstname") or "",
            "LastName": p.get("lastname") or "",
            "Email": p.get("email") or "",
            "Title": p.get("jobtitle") or "",
            "Company": p.get("company") or "",
            "Industry": p.get("industry") or "",
            "NumberOfEmployees": p.get("num_employees") or "",
            "Country": p.get("country") or "",
            "Status": at_conversion["hs_lead_status"],
            "LeadSource": p.get("hs_analytics_source") or "",
            "OwnerId": owner,
            "IsConverted": flag(conv),
            "ConvertedDate": day(conv),
            "ConvertedAccountId": me.account_id if conv else "",
            "ConvertedContactId": me.contact_id or "",
            "ConvertedOpportunityId": opportunity,
            "CreatedDate": ts(o["createdAt"]),
            "LastModifiedDate": ts(conv or modified),
            "SystemModstamp": ts(conv or modified),
            "Lifecycle_Stage__c": at_conversion["lifecyclestage"],
            **_customs(p, conv),
        }  # fmt: skip
        self.out.row("Lead", lead)
        self.ids.append((o["id"], "Lead", me.lead_id))
        self._history("LeadHistory", "LeadId", me.lead_id, o["createdAt"], lead_rows, owner)
        if conv is None:
            return
        last = max(conv, modified)
        self.out.row(
            "Contact",
            {
                "Id": me.contact_id,
                "IsDeleted": "false",
                "MasterRecordId": "",
                "AccountId": me.account_id,
                "FirstName": lead["FirstName"],
                "LastName": lead["LastName"],
                "Email": lead["Email"],
                "Title": lead["Title"],
                "Department": DEPARTMENT.get(p.get("hs_role") or "", ""),
                "LeadSource": lead["LeadSource"],
                "MailingCountry": lead["Country"],
                "OwnerId": owner,
                "CreatedDate": ts(conv),
                "LastModifiedDate": ts(last),
                "SystemModstamp": ts(last),
                "Lead_Status__c": now["hs_lead_status"],
                "Lifecycle_Stage__c": now["lifecyclestage"],
                **_customs(p, None),
            },
        )
        self.ids.append((o["id"], "Contact", me.contact_id))
        self._history("ContactHistory", "ContactId", me.contact_id, conv, contact_rows, owner)

    def _history(self, obj: str, key: str, rid: str, created: str, rows: list, user: str):
        status = "Status" if obj == "LeadHistory" else "Lead_Status__c"
        field = {
            "lifecyclestage": "Lifecycle_Stage__c",
            "hs_lead_status": status,
            "hubspot_owner_id": "Owner",
        }
        base = {"IsDeleted": "false", key: rid, "CreatedById": user}
        self.out.row(
            obj, {**base, "Id": self.hist_id(), "Field": "created", "CreatedDate": ts(created)}
        )
        for when, prop, old, new in rows:
            self.out.row(
                obj,
                {
                    **base,
                    "Id": self.hist_id(),
                    "Field": field[prop],
                    "DataType": "EntityId" if prop == "hubspot_owner_id" else "Picklist",
                    "OldValue": old,
                    "NewValue": new,
                    "CreatedDate": ts(when),
                },
            )
