"""HubSpot owners -> User, their teams -> UserRole, companies -> Account."""

from __future__ import annotations

from .salesforce_fields import LIFECYCLE, ts
from .salesforce_ids import sfid


def users(out, ids: list, owners: list[dict]) -> dict[str, str]:
    """Writes User and UserRole; returns HubSpot owner id -> User Id."""
    roles: dict[str, tuple[str, str]] = {}
    by_owner = {}
    for o in owners:
        team = next((t for t in o.get("teams", []) if t.get("primary")), None)
        role = ""
        if team is not None:
            role = sfid("UserRole", int(team["id"]))
            roles.setdefault(team["id"], (team["name"], o["createdAt"]))
        uid = sfid("User", int(o["id"]))
        by_owner[o["id"]] = uid
        sdr = team is not None and team["name"].startswith("SDR")
        out.row(
            "User",
            {
                "Id": uid,
                "Username": o["email"],
                "Email": o["email"],
                "FirstName": o["firstName"],
                "LastName": o["lastName"],
                "Name": f"{o['firstName']} {o['lastName']}",
                "IsActive": "false" if o.get("archived") else "true",
                "UserRoleId": role,
                "Title": "Sales Development Representative" if sdr else "Account Executive",
                "CreatedDate": ts(o["createdAt"]),
                "LastModifiedDate": ts(o["updatedAt"]),
                "SystemModstamp": ts(o["updatedAt"]),
            },
        )
        ids.append((o["id"], "User", uid))
    for team_id in sorted(roles, key=int):
        name, created = roles[team_id]
        rid = sfid("UserRole", int(team_id))
        out.row("UserRole", {"Id": rid, "Name": name, "SystemModstamp": ts(created)})
        ids.append((team_id, "UserRole", rid))
    return by_owner


def _type(p: dict) -> str:
    if p.get("churn_date"):
        return "Former Customer"
    return "Customer" if p.get("lifecyclestage") == "customer" else "Prospect"


def accounts(out, ids: list, companies: list[dict], users_by_owner: dict) -> dict[str, str]:
    """Writes Account; returns HubSpot company id -> Account Id."""
    by_company = {}
    for c in companies:
        p = c["properties"]
        aid = sfid("Account", int(c["id"]))
        by_company[c["id"]] = aid
        out.row(
            "Account",
            {
                "Id": aid,
                "IsDeleted": "false",
                "Name": p.get("name") or "",
                "Website": f"https://www.{p['domain']}" if p.get("domain") else "",
                "Industry": p.get("industry") or "",
                "NumberOfEmployees": p.get("numberofemployees") or "",
                "BillingCountry": p.get("country") or "",
                "Type": _type(p),
                "OwnerId": users_by_owner.get(p.get("hubspot_owner_id") or "", ""),
                "CreatedDate": ts(c["createdAt"]),
                "LastModifiedDate": ts(c["updatedAt"]),
                "SystemModstamp": ts(c["updatedAt"]),
                "Lifecycle_Stage__c": LIFECYCLE.get(p.get("lifecyclestage") or "", ""),
                "Lead_Date__c": ts(p.get("hs_lifecyclestage_lead_date")),
                "Opportunity_Date__c": ts(p.get("hs_lifecyclestage_opportunity_date")),
                "Customer_Date__c": ts(p.get("hs_lifecyclestage_customer_date")),
                "Churn_Date__c": p.get("churn_date") or "",
            },
        )
        ids.append((c["id"], "Account", aid))
    return by_company
