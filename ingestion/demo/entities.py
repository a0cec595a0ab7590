"""Global, shard-independent entities: reps, campaigns, email programs, FX and name pools.

Every shard rebuilds these from the seed alone, so they agree without coordination.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass

from . import config as C

FIRST_NAMES = (
    "Jane",
    "John",
    "Maria",
    "Luca",
    "Sofia",
    "Noah",
    "Emma",
    "Liam",
    "Olivia",
    "Lukas",
    "Anna",
    "Paul",
    "Mia",
    "Elias",
    "Lea",
    "Jonas",
    "Chloe",
    "Hugo",
    "Lina",
    "Felix",
    "Ella",
    "Oscar",
    "Nina",
    "Leo",
    "Clara",
    "Max",
    "Ava",
    "Ben",
    "Zoe",
    "Tom",
    "Ines",
    "Sam",
    "Iris",
    "Adam",
    "Eva",
    "Finn",
    "Rosa",
    "Ivan",
    "Yara",
    "Omar",
)
LAST_NAMES = (
    "Doe",
    "Smith",
    "Muller",
    "Rossi",
    "Garcia",
    "Martin",
    "Jansen",
    "Dubois",
    "Novak",
    "Silva",
    "Brown",
    "Wilson",
    "Schmidt",
    "Moreau",
    "Bianchi",
    "Lopez",
    "Berg",
    "Kowalski",
    "Murphy",
    "Keller",
    "Weber",
    "Fischer",
    "Meyer",
    "Wagner",
    "Becker",
    "Hoffmann",
    "Costa",
    "Santos",
    "Nielsen",
    "Larsen",
    "Horvat",
    "Popescu",
    "Ivanova",
    "Kim",
    "Tanaka",
    "Patel",
    "Singh",
    "Khan",
    "Cohen",
    "Levy",
)
NAME_SYLLABLES = (
    "nord",
    "byte",
    "data",
    "flux",
    "sky",
    "core",
    "wave",
    "peak",
    "blue",
    "iron",
    "star",
    "volt",
    "grid",
    "axis",
    "loop",
    "nova",
    "pixel",
    "quant",
    "terra",
    "arc",
)
INDUSTRIES = (
    ("SOFTWARE", 0.30),
    ("FINANCIAL_SERVICES", 0.18),
    ("RETAIL", 0.15),
    ("HEALTHCARE", 0.12),
    ("MANUFACTURING", 0.15),
    ("EDUCATION", 0.10),
)
TITLES = {
    "c_level": ("CEO", "CMO", "CFO", "CTO", "Chief Data Officer"),
    "vp": ("VP Marketing", "VP Sales", "VP Engineering", "VP Finance"),
    "director": ("Director of Analytics", "Marketing Director", "Director of BI", "IT Director"),
    "manager": (
        "Marketing Manager",
        "Analytics Manager",
        "Data Engineering Manager",
        "Ops Manager",
    ),
    "individual": ("Data Analyst", "Marketing Specialist", "Data Engineer", "Sales Ops Analyst"),
}
SENIORITY_MIX = (
    ("c_level", 0.07),
    ("vp", 0.13),
    ("director", 0.2),
    ("manager", 0.3),
    ("individual", 0.3),
)
LOSS_REASONS = ("Price", "Competitor", "No decision", "Timing", "Missing feature", "Budget cut")
BUYING_ROLES = ("Decision Maker", "Champion", "Influencer", "Economic Buyer", "Technical Evaluator")

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

NURTURE_PROGRAMS = ("getting-started", "product-education", "case-studies", "re-engagement")
NURTURE_STEPS = 5
NURTURE_STEP_DAYS = 7


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
class Campaign:
    platform: str  # google | meta | linkedin
    id: str
    name: str
    slug: str
    currency: str
    cpc: float  # account currency per click
    ctr: float
    channel: str
    start: int
    end: int


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


def campaigns() -> list[Campaign]:
    s, e = C.WINDOW_START, C.WINDOW_END
    mid = s + 120 * C.DAY
    return [
        Campaign("google", "111", "Brand - Search", "brand", "USD", 1.8, 0.08, "paid_search", s, e),
        Campaign(
            "google",
            "112",
            "Competitor - Search",
            "competitor",
            "USD",
            6.5,
            0.03,
            "paid_search",
            s,
            e,
        ),
        Campaign(
            "google",
            "113",
            "Analytics Platform - Search",
            "analytics-platform",
            "USD",
            4.2,
            0.04,
            "paid_search",
            s,
            e,
        ),
        Campaign(
            "google",
            "114",
            "Dashboards - Search",
            "dashboards",
            "USD",
            3.1,
            0.035,
            "paid_search",
            mid,
            e,
        ),
        Campaign(
            "meta",
            "23850000001",
            "Prospecting - Ebook",
            "ebook-prospecting",
            "EUR",
            1.1,
            0.012,
            "paid_social",
            s,
            e,
        ),
        Campaign(
            "meta",
            "23850000002",
            "Retargeting - Demo",
            "retargeting-demo",
            "EUR",
            1.6,
            0.018,
            "paid_social",
            s,
            e,
        ),
        Campaign(
            "meta",
            "23850000003",
            "Webinar Promo",
            "webinar-promo",
            "EUR",
            1.3,
            0.01,
            "paid_social",
            mid,
            e,
        ),
        Campaign(
            "linkedin",
            "7001",
            "ABM - Enterprise",
            "abm-enterprise",
            "GBP",
            7.5,
            0.006,
            "linkedin",
            s,
            e,
        ),
        Campaign(
            "linkedin",
            "7002",
            "Thought Leadership",
            "thought-leadership",
            "GBP",
            5.2,
            0.005,
            "linkedin",
            s,
            e,
        ),
        Campaign(
            "linkedin",
            "7003",
            "Demo - Decision Makers",
            "demo-decision-makers",
            "GBP",
            9.0,
            0.004,
            "linkedin",
            mid,
            e,
        ),
    ]


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
