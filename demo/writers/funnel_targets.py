"""The company's plan: targets/funnel_targets.csv (docs/landing-formats.md "Targets").

Its planners forecast well but ambitiously: each target is what the company then achieved
(demo/actuals.py) times a seeded factor in [0.90, 1.20], rounded like a plan (two significant
digits; small counts kept within 25 % of what was achieved). Periods with nothing
achieved get no target; the quarter after the window gets a revenue plan (last quarter's
target + 8 %), as plans are set ahead.

Sales goals are also set per deal-owning team (`team` = the owner's HubSpot team, e.g.
"AE EMEA") and for two reps (`owner_email`, with their team): opportunities and customers
(new-business deals created / won) per month, revenue (won USD, every deal type) per
quarter, from what that team or rep achieved × the same kind of factor (own seeded stream).
"""

from __future__ import annotations

import csv
import math
import os
import random
from collections import Counter

import orjson

from ..actuals import Actuals, quarter_of

HEADER = ("period_start", "period_grain", "metric", "segment", "target", "currency")
TEAM_HEADER = (*HEADER, "team", "owner_email")
METRICS = ("visitors", "leads", "mqls", "sqls", "opportunities", "customers")
NEXT_QUARTER = "2026-07-01"
REP_GOALS = 2  # reps with personal goals: the first two deal owners by owner id


def _factor(rng: random.Random) -> float:
    return 0.90 + 0.30 * rng.random()


def _plan(x: float) -> float:
    """Rounded like a plan: two significant digits (1,109,000 -> 1,100,000; 87 -> 87)."""
    return round(x, 1 - math.floor(math.log10(x))) if x > 0 else 0.0


def _count(achieved: int, factor: float) -> int:
    """A whole number; small counts kept within a quarter of what was achieved."""
    low, high = math.ceil(0.75 * achieved), math.floor(1.25 * achieved)
    return min(high, max(low, round(_plan(achieved * factor))))


def _owners(out_dir: str) -> dict[str, tuple[str, str]]:
    """Owner id -> (email, primary team name), from the CRM's owner list written earlier."""
    path = os.path.join(out_dir, "hubspot", "owners", "page-000001.json")
    with open(path, "rb") as fh:
        results = orjson.loads(fh.read())["results"]
    return {o["id"]: (o["email"], o["teams"][0]["name"]) for o in results}


def _grouped(per_owner: Counter, key_of) -> Counter:
    out: Counter = Counter()
    for (owner, period), value in per_owner.items():
        k = key_of(owner)
        if k is not None:
            out[(k, period)] += value
    return out


def team_rows(out_dir: str, actuals: Actuals, seed: int) -> list[tuple]:
    """Per-team rows (owner_email empty) and per-rep rows (with the rep's team)."""
    rng = random.Random(f"funnel-targets-teams-{seed}")
    owners = _owners(out_dir)
    dealers = sorted({o for o, _ in actuals.opportunities_by_owner_month} & set(owners), key=int)[
        :REP_GOALS
    ]
    keys = (
        lambda o: (owners[o][1], "") if o in owners else None,
        lambda o: (owners[o][1], owners[o][0]) if o in dealers else None,
    )
    won_q: Counter = Counter()
    for (owner, month), usd in actuals.won_usd_by_owner_month.items():
        won_q[(owner, quarter_of(month))] += usd
    rows = []
    for key_of in keys:
        for (team_email, quarter), achieved in sorted(_grouped(won_q, key_of).items()):
            if achieved > 0:
                target = f"{_plan(achieved * _factor(rng)):.2f}"
                rows.append((quarter, "quarter", "revenue", "", target, "USD", *team_email))
        for metric, per_owner in (
            ("opportunities", actuals.opportunities_by_owner_month),
            ("customers", actuals.customers_by_owner_month),
        ):
            for (team_email, month), achieved in sorted(_grouped(per_owner, key_of).items()):
                if achieved > 0:
                    target = _count(achieved, _factor(rng))
                    rows.append((month, "month", metric, "", str(target), "", *team_email))
    return rows


def write(out_dir: str, actuals: Actuals, seed: int) -> int:
    rng = random.Random(f"funnel-targets-{seed}")
    rows = []
    last = None
    for quarter in sorted(actuals.won_usd_by_quarter):
        achieved = actuals.won_usd_by_quarter[quarter]
        if achieved > 0:
            last = _plan(achieved * _factor(rng))
            rows.append((quarter, "quarter", "revenue", "", f"{last:.2f}", "USD"))
    if last is not None:
        plan = _plan(last * 1.08)
        rows.append((NEXT_QUARTER, "quarter", "revenue", "", f"{plan:.2f}", "USD"))
    for metric in METRICS:
        for month, achieved in sorted(actuals.entries[metric].items()):
            if achieved > 0:
                rows.append((month, "month", metric, "", str(_count(achieved, _factor(rng))), ""))
    rows = [(*r, "", "") for r in rows] + team_rows(out_dir, actuals, seed)
    root = os.path.join(out_dir, "targets")
    os.makedirs(root, exist_ok=True)
    with open(os.path.join(root, "funnel_targets.csv"), "w", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(TEAM_HEADER)
        w.writerows(rows)
    return len(rows)
