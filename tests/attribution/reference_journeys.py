"""The journeys of the independent attribution reference (tests/attribution/reference.py):
conversions and non-conversions read from the core tables, each with its path of eligible
touches (lookback, touch types, buying group or account fallback). The lead stage's
non-conversions include the visitors who never identified (an anonymous id none of whose
touches has a contact), keyed `visitor:<anonymous_id>`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

import duckdb

DEFAULT_TYPES = (
    "ad_click",
    "web_session",
    "form_submission",
    "email_click",
    "event_attendance",
    "sales_meeting",
    "sales_call",
)


@dataclass(frozen=True)
class Touch:
    touchpoint_id: str
    contact_key: str | None
    touched_at: dt.datetime
    channel: str


@dataclass
class Journey:
    journey_id: str
    stage: str
    contacts: list[str]
    ends_at: dt.datetime
    converted: bool = True
    includes_end: bool = False
    lead_anchor: dt.datetime | None = None
    opportunity_anchor: dt.datetime | None = None
    amount: float | None = None
    path: list[Touch] = field(default_factory=list)


# The deal stages of seed attribution_conversion_stages per deal scope: new business converts
# at opportunity / closed_won, an existing customer's expansion and renewal deals at stages of
# their own (docs/attribution.md, "Deal types").
CREATED_STAGE = {"new_business": "opportunity", "existing_customer": "expansion_opportunity"}
WON_STAGE = {"new_business": "closed_won", "existing_customer": "expansion_won"}
WON_STAGES = frozenset(WON_STAGE.values())


def deal_scope(opportunity) -> str:
    new = opportunity.get("is_new_business")
    return "new_business" if new is None or new else "existing_customer"


def rows(con, sql):
    cursor = con.execute(sql)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


class Journeys:
    """Every conversion (and non-conversion) with its path of eligible touches."""

    def __init__(self, warehouse, lookback_days=365, half_life_days=7.0, touch_types=DEFAULT_TYPES):
        self.lookback = dt.timedelta(days=lookback_days)
        self.half_life = half_life_days
        with duckdb.connect(str(warehouse), read_only=True) as con:
            touches = rows(con, "select * from core.fct_touchpoints")
            self.funnel = rows(con, "select * from core.fct_contact_funnel")
            self.opportunities = rows(con, "select * from core.fct_opportunities")
            roles = rows(con, "select * from core.fct_opportunity_contacts")
        self.touches_by_contact = defaultdict(list)
        self.touches_by_visitor = defaultdict(list)
        identified = {row["anonymous_id"] for row in touches if row["contact_key"]}
        for row in touches:
            if (
                not row["contact_key"]
                and row["anonymous_id"]
                and row["anonymous_id"] not in identified
                and row["touch_type"] in touch_types
                and row["touched_at"]
            ):
                self.touches_by_visitor[f"visitor:{row['anonymous_id']}"].append(
                    Touch(row["touchpoint_id"], None, row["touched_at"], row["channel"] or "(none)")
                )
            if row["contact_key"] and row["touch_type"] in touch_types and row["touched_at"]:
                self.touches_by_contact[row["contact_key"]].append(
                    Touch(
                        row["touchpoint_id"],
                        row["contact_key"],
                        row["touched_at"],
                        row["channel"] or "(none)",
                    )
                )
        self.as_of = max(t.touched_at for ts in self.touches_by_contact.values() for t in ts)
        self.roles = defaultdict(set)
        for row in roles:
            if row["contact_key"]:
                self.roles[row["opportunity_key"]].add(row["contact_key"])
        self.account_contacts = defaultdict(set)
        for row in self.funnel:
            if row["account_key"]:
                self.account_contacts[row["account_key"]].add(row["contact_key"])
        self.lead_at = {row["contact_key"]: row["lead_at"] for row in self.funnel}

    def deal_contacts(self, opportunity) -> list[str]:
        key = opportunity["opportunity_key"]
        if self.roles.get(key):
            return sorted(self.roles[key])
        return sorted(self.account_contacts.get(opportunity["account_key"], ()))

    def conversions(self) -> list[Journey]:
        out = []
        for row in self.funnel:
            for stage in ("lead", "mql", "sql"):
                if row[f"{stage}_at"] is not None:
                    out.append(
                        Journey(
                            f"{stage}:{row['contact_key']}",
                            stage,
                            [row["contact_key"]],
                            row[f"{stage}_at"],
                            lead_anchor=row["lead_at"],
                        )
                    )
        for opp in self.opportunities:
            contacts = self.deal_contacts(opp)
            leads = [self.lead_at[c] for c in contacts if self.lead_at.get(c) is not None]
            lead_anchor = min(leads) if leads else None
            amount = float(opp["amount_usd"] or 0)
            created, won = CREATED_STAGE[deal_scope(opp)], WON_STAGE[deal_scope(opp)]
            if opp["created_at"] is not None:
                out.append(
                    Journey(
                        f"{created}:{opp['opportunity_key']}",
                        created,
                        contacts,
                        opp["created_at"],
                        lead_anchor=lead_anchor,
                        opportunity_anchor=opp["created_at"],
                        amount=amount,
                    )
                )
            if opp["is_won"] and opp["closed_at"] is not None:
                out.append(
                    Journey(
                        f"{won}:{opp['opportunity_key']}",
                        won,
                        contacts,
                        opp["closed_at"],
                        lead_anchor=lead_anchor,
                        opportunity_anchor=opp["created_at"],
                        amount=amount,
                    )
                )
        for journey in out:
            self.fill_path(journey)
        return out

    def non_conversions(self) -> list[Journey]:
        out = []
        touched = sorted(self.touches_by_contact)
        stage_at = {row["contact_key"]: row for row in self.funnel}
        for stage in ("lead", "mql", "sql"):
            for contact in touched:
                row = stage_at.get(contact)
                if row is None or row[f"{stage}_at"] is None:
                    out.append(
                        Journey(
                            f"{stage}:{contact}",
                            stage,
                            [contact],
                            self.as_of,
                            converted=False,
                            includes_end=True,
                        )
                    )
        for visitor in sorted(self.touches_by_visitor):
            out.append(
                Journey(visitor, "lead", [visitor], self.as_of, converted=False, includes_end=True)
            )
        deal_accounts = {
            scope: {o["account_key"] for o in self.opportunities if deal_scope(o) == scope}
            for scope in CREATED_STAGE
        }
        customers = {
            o["account_key"]
            for o in self.opportunities
            if deal_scope(o) == "new_business" and o["is_won"]
        }
        for scope, stage in CREATED_STAGE.items():
            for account, contacts in self.account_contacts.items():
                if account in deal_accounts[scope]:
                    continue
                if scope == "existing_customer" and account not in customers:
                    continue
                out.append(
                    Journey(
                        f"{stage}:{account}",
                        stage,
                        sorted(contacts),
                        self.as_of,
                        converted=False,
                        includes_end=True,
                    )
                )
        for opp in self.opportunities:
            if opp["is_closed"] and not opp["is_won"] and opp["closed_at"] is not None:
                won = WON_STAGE[deal_scope(opp)]
                out.append(
                    Journey(
                        f"{won}:{opp['opportunity_key']}",
                        won,
                        self.deal_contacts(opp),
                        opp["closed_at"],
                        converted=False,
                    )
                )
        for journey in out:
            self.fill_path(journey)
        return [journey for journey in out if journey.path]

    def fill_path(self, journey: Journey) -> None:
        start = journey.ends_at - self.lookback
        path = []
        for contact in journey.contacts:
            touches = self.touches_by_contact.get(contact) or self.touches_by_visitor.get(
                contact, ()
            )
            for touch in touches:
                before_end = touch.touched_at < journey.ends_at or (
                    journey.includes_end and touch.touched_at == journey.ends_at
                )
                if before_end and touch.touched_at >= start:
                    path.append(touch)
        journey.path = sorted(path, key=lambda t: (t.touched_at, t.touchpoint_id))
