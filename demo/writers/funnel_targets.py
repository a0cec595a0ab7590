"""The company's plan: targets/funnel_targets.csv (docs/landing-formats.md "Targets").

Its planners forecast well but ambitiously: each target is what the company then achieved
(demo/actuals.py) times a seeded factor in [0.90, 1.20], rounded like a plan (two significant
digits; small counts kept within 25 % of what was achieved). Periods with nothing
achieved get no target; the quarter after the window gets a revenue plan (last quarter's
target + 8 %), as plans are set ahead.
"""

from __future__ import annotations

import csv
import math
import os
import random

from ..actuals import Actuals

HEADER = ("period_start", "period_grain", "metric", "segment", "target", "currency")
METRICS = ("visitors", "leads", "mqls", "sqls", "opportunities", "customers")
NEXT_QUARTER = "2026-07-01"


def _factor(rng: random.Random) -> float:
    return 0.90 + 0.30 * rng.random()


def _plan(x: float) -> float:
    """Rounded like a plan: two significant digits (1,109,000 -> 1,100,000; 87 -> 87)."""
    return round(x, 1 - math.floor(math.log10(x))) if x > 0 else 0.0


def _count(achieved: int, factor: float) -> int:
    """A whole number; small counts kept within a quarter of what was achieved."""
    low, high = math.ceil(0.75 * achieved), math.floor(1.25 * achieved)
    return min(high, max(low, round(_plan(achieved * factor))))


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
    root = os.path.join(out_dir, "targets")
    os.makedirs(root, exist_ok=True)
    with open(os.path.join(root, "funnel_targets.csv"), "w", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(HEADER)
        w.writerows(rows)
    return len(rows)
