"""Global, shard-independent entities: reps, deal stages, email programs and FX rates.

The paid campaigns are in campaigns.py, the name and title pools in vocabulary.py.

Every shard rebuilds these from the seed alone, so they agree without coordination.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass

from . import config as C
from .vocabulary import FIRST_NAMES, LAST_NAMES

DEAL_STAGES = (
    # id, label, probability, is_closed
    ("qualificationcall", "Qualification call", "0.1", False),
    ("demoscheduled", "Demo scheduled", "0.2", False),
    ("framingmeeting", "Framing meeting", "0.4", False),
    ("proposalsent", "Proposal sent", "0.6", False),
    ("negotiation", "Negotiation", "0.8", False),
    ("closedwon", "Closed won", "1.0", True),
    ("closedlost", "Closed lost", "0.0", True),
)
OPEN_STAGES = tuple(s[0] for s in DEAL_STAGES[:5])
DEFAULT_PIPELINE = ("default", "Sales Pipeline")
# The account managers' pipeline for expansion and renewal deals (docs/playbook.md §1).
EXPANSION_PIPELINE = ("1290433", "Expansion Pipeline")
EXPANSION_STAGES = (
    ("1290434", "Expansion discovery", "0.3", False),
    ("1290435", "Proposal sent", "0.6", False),
    ("1290436", "Contract sent", "0.9", False),
    ("1290437", "Closed won", "1.0", True),
    ("1290438", "Closed lost", "0.0", True),
)
EXPANSION_WON, EXPANSION_LOST = "1290437", "1290438"
# HubSpot `dealtype` -> the canonical deal type of the truth (seed deal_type_mapping).
DEAL_TYPES = {"newbusiness": "new_business", "existingbusiness": "expansion", "renewal": "renewal"}

NURTURE_PROGRAMS = ("getting-started", "product-education", "case-studies", "re-engagement")
NURTURE_STEPS = 5
NURTURE_STEP_DAYS = 7


def weighted(pairs):
    """(values, cumulative shares) of (value, weight) pairs, for bisect draws."""
    total = sum(w for _, w in pairs)
    acc, cum = 0.0, []
    for _, w in pairs:
        acc += w / total
        cum.append(acc)
    return [v for v, _ in pairs], cum


def stable_uuid(name: str) -> str:
    h = hashlib.md5(name.encode()).hexdigest()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}"


@dataclass(frozen=True)
class Owner:
    id: str
    first: str
    last: str
    email: str
    user_id: int
    role: str  # sdr | ae
    team_id: str
    team_name: str


@dataclass(frozen=True)
class SingleSend:
    id: str
    name: str
    categories: tuple[str, ...]
    send_at: int
    marketing_campaign_id: str
    program: str | None


def owners(scale: dict) -> list[Owner]:
    out = []
    teams = (
        ("1", "SDR EMEA"),
        ("2", "SDR North America"),
        ("3", "AE EMEA"),
        ("4", "AE North America"),
    )
    n = 0
    for role, count in (("sdr", scale["sdr"]), ("ae", scale["ae"])):
        for i in range(count):
            first = FIRST_NAMES[(n * 7) % len(FIRST_NAMES)]
            last = LAST_NAMES[(n * 11 + 3) % len(LAST_NAMES)]
            team = teams[(0 if role == "sdr" else 2) + i % 2]
            out.append(
                Owner(
                    str(101 + n),
                    first,
                    last,
                    f"{first}.{last}{n}@acme.example".lower(),
                    90000 + n,
                    role,
                    team[0],
                    team[1],
                )
            )
            n += 1
    return out


def single_sends() -> list[SingleSend]:
    out = []
    n = 0
    for y, m in C.month_starts():
        # Newsletter goes out on the 2nd of the month, 14:00 UTC.
        from calendar import timegm

        ts = timegm((y, m, 2, 14, 0, 0))
        name = f"Acme Monthly Newsletter {y}-{m:02d}"
        out.append(SingleSend(stable_uuid(name), name, ("newsletter",), ts, str(40000 + n), None))
        n += 1
    for prog in NURTURE_PROGRAMS:
        for step in range(1, NURTURE_STEPS + 1):
            name = f"Nurture {prog} #{step}"
            out.append(
                SingleSend(
                    stable_uuid(name),
                    name,
                    ("nurture", f"nurture-{prog}"),
                    C.WINDOW_START,
                    str(40000 + n),
                    prog,
                )
            )
            n += 1
    return out


def fx_rates(seed: int) -> dict[str, list[float]]:
    """Daily rate_to_usd per currency, one value per day of the window (random walk)."""
    rng = random.Random(f"fx-{seed}")
    days = (C.WINDOW_END - C.WINDOW_START) // C.DAY
    out = {"USD": [1.0] * days}
    for cur, start in (("EUR", 1.08), ("GBP", 1.27)):
        rate, series = start, []
        for _ in range(days):
            rate *= 1 + rng.gauss(0, 0.004)
            series.append(round(rate, 6))
        out[cur] = series
    return out


def fx_on(fx: dict[str, list[float]], currency: str, ts: int) -> float:
    series = fx[currency]
    i = (min(max(ts, C.WINDOW_START), C.WINDOW_END - 1) - C.WINDOW_START) // C.DAY
    return series[i]
