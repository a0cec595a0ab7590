"""The company's costs: targets/marketing_costs.csv and targets/sales_costs.csv
(docs/landing-formats.md "Targets"), consistent with what it spends and who it employs.

Sales: per team and month, loaded salaries by head count (EMEA teams paid in EUR), 8 %
commission on the won revenue of the team's reps in the month (demo/actuals.py), and CRM
seats for everybody. Marketing (not ad spend): agency and creative fees as a share of the
month's ad spend on each platform (in the ad account's currency), the email platform
growing with the leads gained so far, SEO content, a webinar tool, and a field event (EUR)
in the last month of each quarter, all scaled with the size of the sales team.
"""

from __future__ import annotations

import csv
import os
from itertools import accumulate

from .. import config as C
from ..actuals import Actuals

MONTHS = [f"{y}-{m:02d}-01" for y, m in C.month_starts()]
# Monthly loaded cost per head: (amount, currency) by role and region.
SALARY = {
    ("ae", "EMEA"): (11_500, "EUR"),
    ("ae", "North America"): (13_500, "USD"),
    ("sdr", "EMEA"): (6_000, "EUR"),
    ("sdr", "North America"): (7_000, "USD"),
}
COMMISSION = 0.08
CRM_SEAT_USD = 150
FEE_SHARE = {"paid_search": 0.10, "paid_social": 0.06, "linkedin": 0.06}
FEE_TEXT = {
    "paid_search": "Search agency fee (10 % of spend)",
    "paid_social": "Social creative production (6 % of spend)",
    "linkedin": "LinkedIn creative production (6 % of spend)",
}


def _write(path: str, header: tuple, rows: list[tuple]) -> int:
    with open(path, "w", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
    return len(rows)


def _sales_rows(owners, actuals: Actuals) -> list[tuple]:
    teams = sorted({(o.team_name, o.role) for o in owners})
    rows = []
    for month in MONTHS:
        for team, role in teams:
            members = [o for o in owners if o.team_name == team]
            region = "EMEA" if team.endswith("EMEA") else "North America"
            amount, cur = SALARY[(role, region)]
            salaries = amount * len(members)
            rows.append((month, team, f"{salaries:.2f}", cur, "Salaries and benefits"))
            won = sum(actuals.won_usd_by_owner_month[(o.id, month)] for o in members)
            if won > 0:
                rows.append((month, team, f"{won * COMMISSION:.2f}", "USD", "Commissions (8 %)"))
        seats = CRM_SEAT_USD * len(owners)
        rows.append((month, "", f"{seats:.2f}", "USD", "CRM and sales tools"))
    return rows


def _marketing_rows(owners, actuals: Actuals) -> list[tuple]:
    size = sum(1 for o in owners if o.role == "ae") / 10  # 1.0 at the default scale
    leads = actuals.entries["leads"]
    leads_so_far = dict(zip(MONTHS, accumulate(leads[m] for m in MONTHS), strict=True))
    rows = []
    for month in MONTHS:
        email = 800 * size + 0.05 * leads_so_far[month]
        rows.append(
            (month, "email", "", f"{email:.2f}", "USD", "Email platform and nurture content")
        )
        rows.append(
            (month, "organic_search", "", f"{2500 * size:.2f}", "USD", "SEO content and tools")
        )
        rows.append((month, "events", "", f"{300 * size:.2f}", "USD", "Webinar platform"))
        if month[5:7] in ("03", "06", "09", "12"):
            rows.append((month, "events", "", f"{9000 * size:.2f}", "EUR", "Quarterly field event"))
        for (channel, m, cur), amount in sorted(actuals.ad_spend.items()):
            if m == month and amount > 0:
                fee = amount * FEE_SHARE[channel]
                rows.append((month, channel, "", f"{fee:.2f}", cur, FEE_TEXT[channel]))
    return rows


def write(out_dir: str, owners, actuals: Actuals) -> tuple[int, int]:
    root = os.path.join(out_dir, "targets")
    os.makedirs(root, exist_ok=True)
    n_marketing = _write(
        os.path.join(root, "marketing_costs.csv"),
        ("month", "channel", "campaign", "cost", "currency", "description"),
        _marketing_rows(owners, actuals),
    )
    n_sales = _write(
        os.path.join(root, "sales_costs.csv"),
        ("month", "team", "cost", "currency", "description"),
        _sales_rows(owners, actuals),
    )
    return n_marketing, n_sales
