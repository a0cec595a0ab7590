"""What the simulated company achieved, read back from its `_truth/` files: the base of the
costs and targets it writes as its own inputs (demo/writers/costs.py, funnel_targets.py).

Months are `YYYY-MM-01` strings, quarters the first day of the quarter; all UTC.
"""

from __future__ import annotations

import csv
import os
from collections import Counter, defaultdict
from dataclasses import dataclass, field

# The funnel metrics of targets/funnel_targets.csv counted on the contacts' first entries,
# a skipped stage entered when the next stage reached was (DESIGN §2, as the warehouse's
# stage entries count it): the later stages of each, in funnel order.
STAGE_COLUMNS = {
    "leads": "lead_at",
    "mqls": "mql_at",
    "sqls": "sql_at",
    "opportunities": "opportunity_at",
    "customers": "customer_at",
}
FUNNEL_ORDER = ("lead_at", "mql_at", "sal_at", "sql_at", "opportunity_at", "customer_at")


def entered_at(contact: dict, col: str) -> str:
    """When the contact entered the stage of `col`: its own time, else the next stage's."""
    for later in FUNNEL_ORDER[FUNNEL_ORDER.index(col) :]:
        if contact.get(later):
            return contact[later]
    return ""


PLATFORM_CHANNEL = {"google": "paid_search", "meta": "paid_social", "linkedin": "linkedin"}


def month_of(ts: str) -> str:
    return ts[:7] + "-01"


def quarter_of(ts: str) -> str:
    return f"{ts[:4]}-{(int(ts[5:7]) - 1) // 3 * 3 + 1:02d}-01"


@dataclass
class Actuals:
    won_usd_by_quarter: Counter = field(default_factory=Counter)
    # (owner id, month) -> won USD: commissions
    won_usd_by_owner_month: Counter = field(default_factory=Counter)
    # metric -> month -> count of entries (visitors: new visitor ids)
    entries: dict = field(default_factory=lambda: defaultdict(Counter))
    # (channel, month, currency) -> ad spend in the account currency
    ad_spend: Counter = field(default_factory=Counter)
    # Per deal owner (team and rep goals):
    # (owner id, month) -> new-business deals created; (owner id, month) -> those won.
    opportunities_by_owner_month: Counter = field(default_factory=Counter)
    customers_by_owner_month: Counter = field(default_factory=Counter)


def _rows(truth_dir: str, name: str):
    with open(os.path.join(truth_dir, name), newline="") as fh:
        yield from csv.DictReader(fh)


def read(truth_dir: str) -> Actuals:
    out = Actuals()
    for d in _rows(truth_dir, "deals.csv"):
        owner = d["owner_id"]
        new_business = d.get("deal_type") in (None, "", "new_business")
        if new_business:
            out.opportunities_by_owner_month[(owner, month_of(d["created_at"]))] += 1
        if d["outcome"] == "won" and d["closed_at"]:
            usd = float(d["amount_usd"])
            out.won_usd_by_quarter[quarter_of(d["closed_at"])] += usd
            out.won_usd_by_owner_month[(owner, month_of(d["closed_at"]))] += usd
            if new_business:
                out.customers_by_owner_month[(owner, month_of(d["closed_at"]))] += 1
    for c in _rows(truth_dir, "contacts.csv"):
        for metric, col in STAGE_COLUMNS.items():
            if at := entered_at(c, col):
                out.entries[metric][month_of(at)] += 1
    first_visit: dict[str, str] = {}
    for s in _rows(truth_dir, "sessions.csv"):
        v, at = s["visitor_id"], s["started_at"]
        if v not in first_visit or at < first_visit[v]:
            first_visit[v] = at
    for at in first_visit.values():
        out.entries["visitors"][month_of(at)] += 1
    for a in _rows(truth_dir, "ad_spend.csv"):
        key = (PLATFORM_CHANNEL[a["platform"]], month_of(a["date"]), a["currency"])
        out.ad_spend[key] += float(a["spend"])
    return out
