"""HubSpot calls and emails -> Task (TaskSubtype Call / Email), meetings -> Event.

`WhoId` is the first associated contact as of the activity (its Contact once converted,
else its Lead); `WhatId` the deal's Opportunity. Further contacts of a shared activity are
not written (Salesforce shared activities are out of scope).
"""

from __future__ import annotations

from datetime import datetime

from .salesforce_fields import CALL_DISPOSITION, day, ts
from .salesforce_ids import sfid


class Activities:
    def __init__(self, out, ids: list, users: dict, people: dict, deal_accounts: dict):
        self.out, self.ids, self.users = out, ids, users
        self.people, self.deal_accounts = people, deal_accounts

    def _links(self, e: dict, when: str) -> dict:
        a = e["associations"]
        contacts = a.get("contacts", {}).get("results", [])
        deals = a.get("deals", {}).get("results", [])
        who = account = what = ""
        person = self.people.get(contacts[0]["id"]) if contacts else None
        if person is not None:
            who = person.id_at(when)
            if who == person.contact_id:
                account = person.account_id
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

    def tasks(self, kind: str, engagements: list[dict]) -> None:
        subtype = "Call" if kind == "calls" else "Email"
        for e in engagements:
            p = e["properties"]
            when = p.get("hs_timestamp") or e["createdAt"]
            tid = sfid("Task", int(e["id"]))
            row = {
                "Id": tid,
                **self._links(e, when),
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

    def events(self, meetings: list[dict]) -> None:
        for e in meetings:
            p = e["properties"]
            start = p.get("hs_meeting_start_time") or p.get("hs_timestamp") or e["createdAt"]
            end = p.get("hs_meeting_end_time") or start
            span = datetime.fromisoformat(end) - datetime.fromisoformat(start)
            minutes = int(span.total_seconds()) // 60
            eid = sfid("Event", int(e["id"]))
            self.out.row(
                "Event",
                {
                    "Id": eid,
                    **self._links(e, start),
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
