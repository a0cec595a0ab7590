"""Team and rep goals in targets/funnel_targets.csv (docs/landing-formats.md "Targets";
docs/playbook.md §5 "Goal attainment"): recomputed here from the truth and the owner list."""

from __future__ import annotations

import csv
import json
from collections import Counter

import pytest


def _csv(path) -> list[dict]:
    with open(path, newline="") as fh:
        return list(csv.DictReader(fh))


def _quarter(ts: str) -> str:
    return f"{ts[:4]}-{(int(ts[5:7]) - 1) // 3 * 3 + 1:02d}-01"


@pytest.fixture(scope="module")
def goals(landing) -> list[dict]:
    return _csv(landing / "targets" / "funnel_targets.csv")


@pytest.fixture(scope="module")
def owners(landing) -> dict[str, tuple[str, str]]:
    page = json.loads((landing / "hubspot/owners/page-000001.json").read_bytes())
    return {o["id"]: (o["email"], o["teams"][0]["name"]) for o in page["results"]}


@pytest.fixture(scope="module")
def achieved(truth, owners) -> Counter:
    """(metric, period, team, owner email) -> achieved; per team with email ''."""
    out: Counter = Counter()
    for d in truth("deals"):
        email, team = owners[d["owner_id"]]
        new_business = d.get("deal_type", "new_business") in ("", "new_business")
        keys = [(team, ""), (team, email)]
        for k in keys:
            if new_business:
                out[("opportunities", d["created_at"][:7] + "-01", *k)] += 1
            if d["outcome"] == "won":
                out[("revenue", _quarter(d["closed_at"]), *k)] += float(d["amount_usd"])
                if new_business:
                    out[("customers", d["closed_at"][:7] + "-01", *k)] += 1
    return out


def test_company_rows_stay_company_wide(goals):
    company = [g for g in goals if not g["team"] and not g["owner_email"]]
    assert {g["metric"] for g in company} == {
        "revenue",
        "visitors",
        "leads",
        "mqls",
        "sqls",
        "opportunities",
        "customers",
    }


def test_team_and_rep_goals_follow_what_each_achieved(goals, owners, achieved):
    team_rows = [g for g in goals if g["team"]]
    assert team_rows
    assert all(g["owner_email"] == "" or g["team"] for g in goals)  # a rep goal names its team
    ae_teams = {team for _, team in owners.values() if team.startswith("AE")}
    assert {g["team"] for g in team_rows} == ae_teams
    reps = {g["owner_email"] for g in team_rows if g["owner_email"]}
    assert len(reps) == 2
    email_team = dict(owners.values())
    for g in team_rows:
        assert g["metric"] in ("opportunities", "customers", "revenue")
        assert g["period_grain"] == ("quarter" if g["metric"] == "revenue" else "month")
        if g["owner_email"]:
            assert email_team[g["owner_email"]] == g["team"]
        actual = achieved[(g["metric"], g["period_start"], g["team"], g["owner_email"])]
        assert 0.7 * actual <= float(g["target"]) <= 1.3 * actual, (g, actual)
    # Every team period that achieved something has its goal.
    targeted = {(g["metric"], g["period_start"], g["team"], g["owner_email"]) for g in team_rows}
    wanted = {k for k, v in achieved.items() if v > 0 and (not k[3] or k[3] in reps)}
    assert wanted == targeted
