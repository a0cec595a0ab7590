"""The demo company's own inputs (docs/landing-formats.md "Targets") fit the company: its
revenue and stage targets are within ±30 % of what it achieved (counted here from `_truth/`,
independently of demo/actuals.py), and its costs cover every month at a plausible scale."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb
import pytest

MONTHS = {f"{y}-{m:02d}-01" for y in (2025, 2026) for m in range(1, 13)} - {
    f"2026-{m:02d}-01" for m in range(7, 13)
}
# A stage's entry: its own time, else the next stage reached (a skipped stage counts as
# entered then, DESIGN §2, as the warehouse's stage entries and goal actuals count it).
STAGE_COLUMN = {
    "leads": "coalesce(lead_at, mql_at, sal_at, sql_at, opportunity_at, customer_at)",
    "mqls": "coalesce(mql_at, sal_at, sql_at, opportunity_at, customer_at)",
    "sqls": "coalesce(sql_at, opportunity_at, customer_at)",
    "opportunities": "coalesce(opportunity_at, customer_at)",
    "customers": "customer_at",
}


def _csv(path: Path) -> list[dict]:
    with open(path, newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def achieved(landing) -> dict[tuple[str, str], float]:
    """(metric, period start) -> what the company achieved, from the truth."""
    t = landing / "_truth"
    con = duckdb.connect()
    out = {}
    sql = (
        f"select strftime(date_trunc('quarter', closed_at::timestamp), '%Y-%m-%d'), "
        f"sum(amount_usd::double) from '{t / 'deals.csv'}' where outcome = 'won' group by 1"
    )
    out.update({("revenue", q): v for q, v in con.sql(sql).fetchall()})
    for metric, col in STAGE_COLUMN.items():
        sql = (
            f"select strftime(date_trunc('month', {col}::timestamp), '%Y-%m-%d'), count(*) "
            f"from read_csv('{t / 'contacts.csv'}', all_varchar = true, nullstr = '') "
            f"where {col} is not null group by 1"
        )
        out.update({(metric, m): n for m, n in con.sql(sql).fetchall()})
    sql = (
        "select strftime(date_trunc('month', first_at), '%Y-%m-%d'), count(*) from "
        f"(select visitor_id, min(started_at::timestamp) as first_at from '{t / 'sessions.csv'}' "
        "group by 1) group by 1"
    )
    out.update({("visitors", m): n for m, n in con.sql(sql).fetchall()})
    return out


def test_targets_are_within_30_percent_of_what_was_achieved(landing, achieved):
    # Company-wide rows (team and rep goals: tests/demo/test_playbook_goals.py).
    rows = [
        r
        for r in _csv(landing / "targets" / "funnel_targets.csv")
        if not r["team"] and not r["owner_email"]
    ]
    in_window = [r for r in rows if r["period_start"] < "2026-07-01"]
    assert {r["metric"] for r in in_window} == {"revenue", "visitors", *STAGE_COLUMN}
    assert all(
        r["period_grain"] == ("quarter" if r["metric"] == "revenue" else "month") for r in rows
    )
    for r in in_window:
        actual = achieved[(r["metric"], r["period_start"])]
        assert 0.7 * actual <= float(r["target"]) <= 1.3 * actual, (r, actual)
    # Every period that achieved something has a target; the plan also looks one quarter ahead.
    targeted = {(r["metric"], r["period_start"]) for r in rows}
    assert {k for k, v in achieved.items() if v > 0} <= targeted
    assert ("revenue", "2026-07-01") in targeted


def test_costs_cover_every_month_at_the_company_scale(landing):
    owners = len(json.loads((landing / "hubspot/owners/page-000001.json").read_bytes())["results"])
    sales = _csv(landing / "targets" / "sales_costs.csv")
    marketing = _csv(landing / "targets" / "marketing_costs.csv")
    assert {r["month"] for r in sales} == MONTHS
    assert {r["month"] for r in marketing} == MONTHS
    for month in MONTHS:
        salaries = sum(
            float(r["cost"])
            for r in sales
            if r["month"] == month and r["description"] == "Salaries and benefits"
        )
        # Loaded cost per head and month in the teams' currencies (EUR ~ USD here).
        assert 5_000 * owners <= salaries <= 15_000 * owners, (month, salaries, owners)
    channels = {r["channel"] for r in marketing}
    assert channels <= {
        "email",
        "events",
        "organic_search",
        "paid_search",
        "paid_social",
        "linkedin",
    }
    assert {"email", "events"} <= channels
    assert all(float(r["cost"]) >= 0 for r in marketing + sales)
