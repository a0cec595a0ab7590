"""An independent Python implementation of DESIGN §4 attribution, for cross-checking the
dbt models on whole warehouses. It shares no code with the models: it reads the core tables,
builds every conversion's path touch by touch, and weighs it by a differently shaped
formulation of the same definitions (shares as "components" over sets of positions).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

import duckdb
import numpy as np

POSITION_MODELS = {
    "first_touch": ({"first": 1.0}, 0.0),
    "last_touch": ({"last": 1.0}, 0.0),
    "linear": ({}, 1.0),
    "position_based": ({"first": 0.4, "last": 0.4}, 0.2),
    "u_shaped": ({"first": 0.4, "lead_creation": 0.4}, 0.2),
    "w_shaped": ({"first": 0.3, "lead_creation": 0.3, "opportunity_creation": 0.3}, 0.1),
    "full_path": (
        {
            "first": 0.225,
            "lead_creation": 0.225,
            "opportunity_creation": 0.225,
            "closed_won": 0.225,
        },
        0.1,
    ),
}
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
    contact_key: str
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


def _rows(con, sql):
    cursor = con.execute(sql)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


class Reference:
    def __init__(self, warehouse, lookback_days=365, half_life_days=7.0, touch_types=DEFAULT_TYPES):
        self.lookback = dt.timedelta(days=lookback_days)
        self.half_life = half_life_days
        with duckdb.connect(str(warehouse), read_only=True) as con:
            touches = _rows(con, "select * from core.fct_touchpoints")
            self.funnel = _rows(con, "select * from core.fct_contact_funnel")
            self.opportunities = _rows(con, "select * from core.fct_opportunities")
            roles = _rows(con, "select * from core.fct_opportunity_contacts")
        self.touches_by_contact = defaultdict(list)
        for row in touches:
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

    # --- journeys ---------------------------------------------------------------------
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
            if opp["created_at"] is not None:
                out.append(
                    Journey(
                        f"opportunity:{opp['opportunity_key']}",
                        "opportunity",
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
                        f"closed_won:{opp['opportunity_key']}",
                        "closed_won",
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
        accounts_with_deals = {o["account_key"] for o in self.opportunities}
        for account, contacts in self.account_contacts.items():
            if account not in accounts_with_deals:
                out.append(
                    Journey(
                        f"opportunity:{account}",
                        "opportunity",
                        sorted(contacts),
                        self.as_of,
                        converted=False,
                        includes_end=True,
                    )
                )
        for opp in self.opportunities:
            if opp["is_closed"] and not opp["is_won"] and opp["closed_at"] is not None:
                out.append(
                    Journey(
                        f"closed_won:{opp['opportunity_key']}",
                        "closed_won",
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
            for touch in self.touches_by_contact.get(contact, ()):
                before_end = touch.touched_at < journey.ends_at or (
                    journey.includes_end and touch.touched_at == journey.ends_at
                )
                if before_end and touch.touched_at >= start:
                    path.append(touch)
        journey.path = sorted(path, key=lambda t: (t.touched_at, t.touchpoint_id))

    # --- models -------------------------------------------------------------------------
    @staticmethod
    def milestones(journey: Journey) -> dict[str, int | None]:
        n = len(journey.path)

        def last_at_or_before(anchor):
            if anchor is None:
                return None
            at_or_before = [i for i, t in enumerate(journey.path) if t.touched_at <= anchor]
            return at_or_before[-1] if at_or_before else None

        return {
            "first": 0,
            "last": n - 1,
            "lead_creation": last_at_or_before(journey.lead_anchor),
            "opportunity_creation": last_at_or_before(journey.opportunity_anchor),
            "closed_won": n - 1 if journey.stage == "closed_won" else None,
        }

    def position_weights(self, journey: Journey, model: str) -> list[float]:
        shares, between = POSITION_MODELS[model]
        n = len(journey.path)
        positions = self.milestones(journey)
        components = [
            (share, {positions[m]}) for m, share in shares.items() if positions[m] is not None
        ]
        held = set().union(*(members for _, members in components)) if components else set()
        others = set(range(n)) - held
        if others and between > 0:
            components.append((between, others))
        total = sum(share for share, _ in components)
        weights = [0.0] * n
        for share, members in components:
            for position in members:
                weights[position] += share / len(members) / total
        return weights

    def time_decay_weights(self, journey: Journey) -> list[float]:
        raw = [
            2 ** (-((journey.ends_at - t.touched_at).total_seconds() / 86400) / self.half_life)
            for t in journey.path
        ]
        return [value / sum(raw) for value in raw]

    def removal_effects(self, conversions: list[Journey]) -> dict[str, dict[str, float]]:
        paths = defaultdict(list)
        for journey in conversions + self.non_conversions():
            if journey.path:
                paths[journey.stage].append(([t.channel for t in journey.path], journey.converted))
        return {stage: markov_removal_effects(stage_paths) for stage, stage_paths in paths.items()}

    def all_weights(self) -> dict[tuple[str, str], dict[str, list[float]]]:
        """{(conversion_id, model): [weight per touch in order]} plus the journeys."""
        conversions = self.conversions()
        effects = self.removal_effects(conversions)
        out = {}
        for journey in conversions:
            if not journey.path:
                continue
            for model in POSITION_MODELS:
                out[journey.journey_id, model] = self.position_weights(journey, model)
            out[journey.journey_id, "time_decay"] = self.time_decay_weights(journey)
            out[journey.journey_id, "data_driven"] = data_driven_weights(
                [t.channel for t in journey.path], effects[journey.stage]
            )
        self.journeys = {j.journey_id: j for j in conversions}
        return out


def markov_removal_effects(paths: list[tuple[list[str], bool]]) -> dict[str, float]:
    """Exact removal effects of a first-order chain start -> channels -> conversion | null."""
    channels = sorted({c for path, _ in paths for c in path})
    states = ["(start)", *channels]
    index = {s: i for i, s in enumerate(states)}
    k = len(states)
    counts = np.zeros((k, k + 2))  # transient x (transient + conversion + null)
    for path, converted in paths:
        chain = ["(start)", *path]
        for a, b in zip(chain, chain[1:], strict=False):
            counts[index[a], index[b]] += 1
        counts[index[chain[-1]], k if converted else k + 1] += 1

    def p_conversion(removed=None):
        c = counts.copy()
        if removed is not None:
            c[index[removed]] = 0
            c[index[removed], k + 1] = 1
        p = c / c.sum(axis=1, keepdims=True)
        q, r = p[:, :k], p[:, k:]
        fundamental = np.linalg.inv(np.eye(k) - q)  # (I - Q)^-1
        return (fundamental @ r)[0, 0]

    base = p_conversion()
    return {c: (1 - p_conversion(c) / base) if base > 0 else 0.0 for c in channels}


def data_driven_weights(channels: list[str], effects: dict[str, float]) -> list[float]:
    distinct = set(channels)
    total = sum(effects.get(c, 0.0) for c in distinct)
    if total <= 0:
        return [1 / len(channels)] * len(channels)
    return [effects.get(c, 0.0) / total / channels.count(c) for c in channels]
