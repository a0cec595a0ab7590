"""HubSpot deals -> Opportunity, OpportunityFieldHistory, OpportunityHistory and
OpportunityContactRole.

The deal's `propertiesWithHistory` (dealstage, amount, closedate) hold every change: field
history gets one row per changed field, OpportunityHistory one row per moment something
changed, with the values after it.
"""

from __future__ import annotations

from .salesforce_fields import (
    CLOSED_STAGES,
    DOWNGRADE,
    OPPORTUNITY_TYPES,
    RECORD_TYPES,
    STAGES,
    WON_STAGES,
    day,
    flag,
    ts,
)
from .salesforce_ids import Sequence, sfid

# HubSpot property -> (Salesforce field, DataType, value rendering)
TRACKED = {
    "dealstage": ("StageName", "Picklist", lambda v: STAGES.get(v, (v,))[0]),
    "amount": ("Amount", "Currency", lambda v: v),
    "closedate": ("CloseDate", "Date", day),
}
BY_LABEL = {v[0]: v for v in STAGES.values()}


def contacts_on_deals(deals: list[dict]) -> dict[str, list[tuple[str, str]]]:
    """contact id -> [(deal createdAt, deal id)] of the deals it is associated with."""
    out: dict[str, list[tuple[str, str]]] = {}
    for d in deals:
        for a in d["associations"].get("contacts", {}).get("results", []):
            out.setdefault(a["id"], []).append((d["createdAt"], d["id"]))
    return out


def _won_at(d: dict) -> str | None:
    for h in d.get("propertiesWithHistory", {}).get("dealstage", []):
        if h["value"] in WON_STAGES:
            return h["timestamp"]
    return None


def opportunity_types(deals: list[dict]) -> dict[str, str]:
    """deal id -> Opportunity Type. The account's contract value runs over its won deals in
    close order (new business sets it, an upsell adds, a renewal sets); a renewal below the
    value before it is a downgrade."""
    by_company: dict[str, list[tuple[str, dict]]] = {}
    out = {}
    for d in deals:
        p = d["properties"]
        out[d["id"]] = OPPORTUNITY_TYPES.get(p.get("dealtype") or "", "New Customer")
        companies = d["associations"].get("companies", {}).get("results", [])
        if companies:
            moment = _won_at(d) or d["createdAt"]
            by_company.setdefault(companies[0]["id"], []).append((moment, d))
    for events in by_company.values():
        value = 0.0
        for _, d in sorted(events, key=lambda x: (x[0], x[1]["id"])):
            p = d["properties"]
            amount = float(p.get("amount") or 0)
            kind = p.get("dealtype")
            if kind == "renewal" and amount < value:
                out[d["id"]] = DOWNGRADE
            if _won_at(d) is None:
                continue
            value = value + amount if kind == "existingbusiness" else amount
    return out


def _changes(d: dict) -> list[tuple[str, str, str]]:
    """(timestamp, HubSpot property, raw value) of the tracked properties, oldest first."""
    out = []
    for prop in TRACKED:
        for h in reversed(d.get("propertiesWithHistory", {}).get(prop, [])):
            out.append((h["timestamp"], prop, h["value"]))
    out.sort(key=lambda x: x[0])
    return out


class Deals:
    def __init__(self, out, ids: list, history_ids: Sequence, users: dict, accounts: dict):
        self.out, self.ids, self.field_hist_id = out, ids, history_ids
        self.users, self.accounts = users, accounts
        self.history_id = Sequence("OpportunityHistory")
        self.role_id = Sequence("OpportunityContactRole")
        self.account_of: dict[str, str] = {}  # deal id -> Account Id

    def translate(self, deals: list[dict], people: dict, sources: dict) -> None:
        self.types = opportunity_types(deals)
        for d in deals:
            self._deal(d, people, sources)

    def _deal(self, d: dict, people: dict, sources: dict) -> None:
        p = d["properties"]
        opp = sfid("Opportunity", int(d["id"]))
        companies = d["associations"].get("companies", {}).get("results", [])
        account = self.accounts.get(companies[0]["id"], "") if companies else ""
        self.account_of[d["id"]] = account
        owner = self.users.get(p.get("hubspot_owner_id") or "", "")
        contacts = d["associations"].get("contacts", {}).get("results", [])
        stage = p.get("dealstage") or ""
        label, probability, forecast, forecast_name = STAGES.get(stage, (stage, "", "", ""))
        self.out.row(
            "Opportunity",
            {
                "Id": opp,
                "IsDeleted": "false",
                "AccountId": account,
                "Name": p.get("dealname") or "",
                "StageName": label,
                "Amount": p.get("amount") or "",
                "CloseDate": day(p.get("closedate")),
                "IsClosed": flag(stage in CLOSED_STAGES),
                "IsWon": flag(stage in WON_STAGES),
                "Probability": probability,
                "ForecastCategory": forecast,
                "ForecastCategoryName": forecast_name,
                "CurrencyIsoCode": p.get("deal_currency_code") or "",
                "Type": self.types[d["id"]],
                "RecordTypeId": RECORD_TYPES.get(p.get("pipeline") or "default", ""),
                "LeadSource": sources.get(contacts[0]["id"], "") if contacts else "",
                "OwnerId": owner,
                "CreatedDate": ts(d["createdAt"]),
                "LastModifiedDate": ts(d["updatedAt"]),
                "SystemModstamp": ts(d["updatedAt"]),
                "Loss_Reason__c": p.get("closed_lost_reason") or "",
            },
        )
        self.ids.append((d["id"], "Opportunity", opp))
        self._histories(d, opp, owner)
        for i, a in enumerate(contacts):
            person = people.get(a["id"])
            if person is None or person.contact_id is None:
                continue
            self.out.row(
                "OpportunityContactRole",
                {
                    "Id": self.role_id(),
                    "IsDeleted": "false",
                    "OpportunityId": opp,
                    "ContactId": person.contact_id,
                    "Role": a.get("label") or "",
                    "IsPrimary": flag(i == 0),
                    "CreatedDate": ts(d["createdAt"]),
                    "LastModifiedDate": ts(d["createdAt"]),
                    "SystemModstamp": ts(d["createdAt"]),
                },
            )

    def _histories(self, d: dict, opp: str, owner: str) -> None:
        base = {"IsDeleted": "false", "OpportunityId": opp, "CreatedById": owner}
        at = ts(d["createdAt"])
        created = {"Id": self.field_hist_id(), "Field": "created", "CreatedDate": at}
        self.out.row("OpportunityFieldHistory", {**base, **created})
        state: dict[str, str] = {}
        changes = _changes(d)
        moved = False
        for i, (when, prop, raw) in enumerate(changes):
            field, data_type, render = TRACKED[prop]
            value = render(raw)
            old = state.get(prop)
            state[prop] = value
            moved = moved or old != value
            if old is not None and old != value:
                self.out.row(
                    "OpportunityFieldHistory",
                    {
                        **base,
                        "Id": self.field_hist_id(),
                        "Field": field,
                        "DataType": data_type,
                        "OldValue": old,
                        "NewValue": value,
                        "CreatedDate": ts(when),
                    },
                )
            if moved and (i + 1 == len(changes) or changes[i + 1][0] != when):
                self._snapshot(base, when, state)
                moved = False

    def _snapshot(self, base: dict, when: str, state: dict) -> None:
        label = state.get("dealstage", "")
        _, probability, forecast, _ = BY_LABEL.get(label, (label, "", "", ""))
        amount = state.get("amount", "")
        expected = f"{float(amount) * probability / 100:.2f}" if amount and forecast else ""
        self.out.row(
            "OpportunityHistory",
            {
                "Id": self.history_id(),
                "IsDeleted": "false",
                "OpportunityId": base["OpportunityId"],
                "StageName": label,
                "Amount": amount,
                "CloseDate": state.get("closedate", ""),
                "Probability": probability,
                "ForecastCategory": forecast,
                "ExpectedRevenue": expected,
                "CreatedById": base["CreatedById"],
                "CreatedDate": ts(when),
                "SystemModstamp": ts(when),
            },
        )
