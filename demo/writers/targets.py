"""Sales targets: AE quotas per quarter (USD) and daily FX rates to USD."""

from __future__ import annotations

import csv
import os
import random

from .. import config as C
from ..timefmt import day_str

# Quotas are set before a quarter starts, so the export also holds the quarter after the
# window: pipeline coverage for "next quarter" has a denominator.
QUARTERS = (
    ("2025-01-01", "2025-03-31"),
    ("2025-04-01", "2025-06-30"),
    ("2025-07-01", "2025-09-30"),
    ("2025-10-01", "2025-12-31"),
    ("2026-01-01", "2026-03-31"),
    ("2026-04-01", "2026-06-30"),
    ("2026-07-01", "2026-09-30"),
)


def write(out_dir: str, owners, fx: dict, seed: int, scale: str) -> tuple[int, int]:
    root = os.path.join(out_dir, "targets")
    os.makedirs(root, exist_ok=True)
    rng = random.Random(f"quotas-{seed}")
    aes = [o for o in owners if o.role == "ae"]
    # Quotas scale with the company size so that coverage ratios stay plausible at every scale.
    base = {"tiny": 40_000, "default": 150_000, "large": 600_000}[scale]
    n_quota = 0
    with open(os.path.join(root, "quotas.csv"), "w", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(
            ("owner_id", "owner_email", "period_start", "period_end", "quota_amount", "currency")
        )
        for q, (start, end) in enumerate(QUARTERS):
            for ae in aes:
                amount = round(base * (1 + 0.08 * q) * (0.8 + 0.4 * rng.random()), -3)
                w.writerow((ae.id, ae.email, start, end, f"{amount:.2f}", "USD"))
                n_quota += 1
    n_fx = 0
    with open(os.path.join(root, "fx_rates.csv"), "w", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(("date", "currency", "rate_to_usd"))
        for i in range((C.WINDOW_END - C.WINDOW_START) // C.DAY):
            d = day_str(C.WINDOW_START + i * C.DAY)
            for cur in ("EUR", "GBP", "USD"):
                w.writerow((d, cur, f"{fx[cur][i]:.6f}"))
                n_fx += 1
    return n_quota, n_fx
