"""HubSpot calls and emails -> Task (TaskSubtype Call / Email), meetings -> Event, and their
shared-activity relations: TaskRelation / EventRelation.

Every associated contact stands for the person as of the activity (its Contact once
converted, else its Lead); `WhoId` is the first of them, `WhatId` the deal's Opportunity.
With shared activities on, each person of the activity (the `WhoId` one included) has a
relation row with `IsWhat` false, and the `WhatId` one with `IsWhat` true.
"""

from __future__ import annotations

from datetime import datetime

from .salesforce_fields import CALL_DISPOSITION, day, ts
from .salesforce_ids import Sequence, sfid


class Activities:
    def __init__(self, out, ids: list, users: dict, people: dict, deal_accounts: dict):
        self.out, self.ids, self.users = out, ids, users
        self.people, self.deal_accounts = people, deal_accounts
        self.relation_ids = {o: Sequence(o) for o in ("TaskRelation", "EventRelation")}

    def _persons(self, e: dict, when: str) -> list[tuple[str, str]]:
        """(record Id, its AccountId) of each associated contact, in association order."""
        out: dict[str, str] = {}
        for c in e["associations"].get("contacts", {}).get("results", []):
            person = self.people.get(c["id"])
            if person is not None:
                rid = person.id_at(when)
                out.setdefault(rid, person.account_id if rid == person.contact_id else "")
        return list(out.items())

    def _links(self, e: dict, persons: list[tuple[str, str]]) -> dict:
        deals = e["associations"].get("deals", {}).get("results", [])
        who, account = persons[0] if persons else ("", "")
        what = ""
        if deals:
            what = sfid("Opportunity", int(deals[0]["id"]))
            account = self.deal_accounts.get(deals[0]["id"], account)
        p = e["properties"]
        return {
            "IsDeleted": "false",
            "WhoId": who,
            "WhatId": what,
            "AccountId": account,
            "OwnerId": self.users.get(p.get("hubspot_owner_id") or "", ""),
            "CreatedDate": ts(e["createdAt"]),
            "LastModifiedDate": ts(e["updatedAt"]),
            "SystemModstamp": ts(e["updatedAt"]),
        }

    def _relations(self, obj: str, parent: tuple[str, str], persons: list, links: dict, **extra):
        """One relation row per person (IsWhat false), then the WhatId's (IsWhat true)."""
        related = [(rid, account, "false") for rid, account in persons]
        if links["WhatId"]:
            related.append((links["WhatId"], links["AccountId"], "true"))
        for rid, account, is_what in related:
            self.out.row(
                obj,
                {
                    "Id": self.relation_ids[obj](),
                    parent[0]: parent[1],
                    "RelationId": rid,
                    "IsWhat": is_what,
                    "AccountId": account,
                    **{k: links[k] for k in ("IsDeleted", "CreatedDate", "LastModifiedDate")},
                    "SystemModstamp": links["SystemModstamp"],
                    **extra,
                },
            )

    def tasks(self, kind: str, engagements: list[dict]) -> None:
        subtype = "Call" if kind == "calls" else "Email"
        for e in engagements:
            p = e["properties"]
            when = p.get("hs_timestamp") or e["createdAt"]
            tid = sfid("Task", int(e["id"]))
            persons = self._persons(e, when)
            links = self._links(e, persons)
            row = {
                "Id": tid,
                **links,
                "Status": "Completed",
                "Type": subtype,
                "TaskSubtype": subtype,
                "ActivityDate": day(when),
                "CompletedDateTime": ts(when),
            }
            if kind == "calls":
                duration = p.get("hs_call_duration")
                direction = p.get("hs_call_direction") or ""
                row["Subject"] = p.get("hs_call_title") or "Call"
                row["CallDurationInSeconds"] = str(int(duration) // 1000) if duration else ""
                row["CallType"] = direction.capitalize()
                disposition = p.get("hs_call_disposition") or ""
                row["CallDisposition"] = CALL_DISPOSITION.get(disposition, disposition)
            else:
                row["Subject"] = p.get("hs_email_subject") or "Email"
            self.out.row("Task", row)
            self.ids.append((e["id"], "Task", tid))
            owner = links["OwnerId"]
            self._relations("TaskRelation", ("TaskId", tid), persons, links, CreatedById=owner)

    def events(self, meetings: list[dict]) -> None:
        for e in meetings:
            p = e["properties"]
            start = p.get("hs_meeting_start_time") or p.get("hs_timestamp") or e["createdAt"]
            end = p.get("hs_meeting_end_time") or start
            span = datetime.fromisoformat(end) - datetime.fromisoformat(start)
            minutes = int(span.total_seconds()) // 60
            eid = sfid("Event", int(e["id"]))
            persons = self._persons(e, start)
            links = self._links(e, persons)
            self.out.row(
                "Event",
                {
                    "Id": eid,
                    **links,
                    "Subject": p.get("hs_meeting_title") or "Meeting",
                    "Type": "Meeting",
                    "EventSubtype": "Event",
                    "ActivityDateTime": ts(start),
                    "StartDateTime": ts(start),
                    "EndDateTime": ts(end),
                    "DurationInMinutes": str(minutes),
                    "Meeting_Outcome__c": p.get("hs_meeting_outcome") or "",
                },
            )
            self.ids.append((e["id"], "Event", eid))
            self._relations(
                "EventRelation",
                ("EventId", eid),
                persons,
                links,
                IsParent="true",
                IsInvitee="false",
            )
