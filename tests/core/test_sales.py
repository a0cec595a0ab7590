"""Opportunities, stage history, buying groups and sales activities vs the demo's truth.

Expectations come from the simulator's truth files (`_truth/deals.csv`, `totals.json`) and
the landing FX rates, never from the warehouse's own output.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal

import pytest


def _truth_rows(tiny, name: str) -> list[dict]:
    with open(tiny.truth / name, newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def truth_deals(tiny) -> dict[str, dict]:
    return {row["deal_id"]: row for row in _truth_rows(tiny, "deals.csv")}


@pytest.fixture(scope="module")
def opportunities(tiny) -> dict[str, dict]:
    columns = [
        "hubspot_deal_id",
        "outcome",
        "amount",
        "currency",
        "amount_usd",
        "created_at",
        "closed_at",
        "initial_close_date",
        "expected_close_date",
        "close_date_push_count",
        "loss_reason",
        "account_key",
        "owner_key",
        "current_stage",
        "is_won",
        "is_closed",
    ]
    rows = tiny.query(f"select {', '.join(columns)} from core.fct_opportunities")
    return {row[0]: dict(zip(columns, row, strict=True)) for row in rows}


def _iso(ts) -> str:
    return ts.strftime("%Y-%m-%dT%H:%M:%SZ") if ts is not None else ""


def test_every_truth_deal_is_one_opportunity(opportunities, truth_deals):
    assert set(opportunities) == set(truth_deals)


def test_outcome_counts_match_the_truth(opportunities, truth_deals):
    expected = Counter(deal["outcome"] for deal in truth_deals.values())
    actual = Counter(opp["outcome"] for opp in opportunities.values())
    assert actual == expected
    assert expected["won"] >= 5, "the tiny demo should close several deals"


def test_won_amounts_in_deal_currency_and_usd_to_the_cent(opportunities, truth_deals):
    won = {d: deal for d, deal in truth_deals.items() if deal["outcome"] == "won"}
    for deal_id, deal in won.items():
        opp = opportunities[deal_id]
        assert opp["currency"] == deal["currency"], deal_id
        assert Decimal(opp["amount"]).quantize(Decimal("0.01")) == Decimal(deal["amount"]), deal_id
        assert Decimal(opp["amount_usd"]) == Decimal(deal["amount_usd"]), deal_id
    total = sum(Decimal(deal["amount_usd"]) for deal in won.values())
    assert sum(Decimal(opportunities[d]["amount_usd"]) for d in won) == total


def test_every_amount_usd_uses_the_close_day_rate_or_the_snapshot_day_rate(
    tiny, opportunities, truth_deals
):
    with open(tiny.landing / "targets" / "fx_rates.csv", newline="") as fh:
        rates = {(r["date"], r["currency"]): Decimal(r["rate_to_usd"]) for r in csv.DictReader(fh)}
    # An open deal is valued at the snapshot day: the day of the latest deal event in the
    # CRM export (docs/bi-contract.md §6).
    snapshot = ""
    for page in (tiny.landing / "hubspot" / "deals").rglob("page-*.json"):
        for o in json.loads(page.read_bytes())["results"]:
            if o["id"] in truth_deals:
                history = o.get("propertiesWithHistory", {}).values()
                snapshot = max(
                    [snapshot, o["createdAt"], *(h["timestamp"] for v in history for h in v)]
                )
    for deal_id, deal in truth_deals.items():
        day = deal["closed_at"][:10] if deal["closed_at"] else snapshot[:10]
        expected = (Decimal(deal["amount"]) * rates[day, deal["currency"]]).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )
        assert Decimal(opportunities[deal_id]["amount_usd"]) == expected, deal_id
        assert Decimal(deal["amount_usd"]) == expected, deal_id


def test_dates_pushes_and_loss_reasons_match_the_truth(opportunities, truth_deals):
    for deal_id, deal in truth_deals.items():
        opp = opportunities[deal_id]
        assert _iso(opp["created_at"]) == deal["created_at"], deal_id
        assert _iso(opp["closed_at"]) == deal["closed_at"], deal_id
        assert str(opp["initial_close_date"]) == deal["initial_close_date"], deal_id
        assert opp["close_date_push_count"] == int(deal["close_date_pushes"]), deal_id
        assert (opp["loss_reason"] or "") == deal["loss_reason"], deal_id
        assert opp["account_key"] == "hs_" + deal["company_id"], deal_id
        assert opp["owner_key"] == "hs_" + deal["owner_id"], deal_id


def test_closed_deals_expect_to_close_on_their_close_day(opportunities, truth_deals):
    pushes = sum(int(d["close_date_pushes"]) for d in truth_deals.values())
    assert pushes > 0, "the tiny demo should slip some close dates"
    for deal_id, deal in truth_deals.items():
        if deal["outcome"] != "open":
            assert str(opportunities[deal_id]["expected_close_date"]) == deal["final_close_date"]


def test_current_stage_agrees_with_the_outcome(opportunities):
    for deal_id, opp in opportunities.items():
        if opp["outcome"] == "won":
            assert opp["current_stage"] == "closed_won" and opp["is_won"] and opp["is_closed"]
        elif opp["outcome"] == "lost":
            assert opp["current_stage"] == "closed_lost" and not opp["is_won"]
        else:
            assert not opp["is_closed"] and opp["closed_at"] is None, deal_id


def test_buying_groups_match_the_truth(tiny, truth_deals):
    rows = tiny.query(
        "select opportunity_key, contact_key, role from core.fct_opportunity_contacts"
    )
    groups: dict[str, set[str]] = {}
    for opportunity_key, contact_key, _ in rows:
        groups.setdefault(opportunity_key, set()).add(contact_key)
    # a deal nobody added a contact role to (the truth's empty buying group) has no rows
    expected = {
        "hs_" + deal_id: {"hs_" + c for c in deal["buying_group"].split(";") if c}
        for deal_id, deal in truth_deals.items()
        if deal["buying_group"]
    }
    assert groups == expected
    roles = Counter(role for _, _, role in rows)
    assert roles["Champion"] == len(expected) < len(truth_deals)


def test_stage_history_runs_from_creation_to_close(tiny, opportunities):
    rows = tiny.query("""
        select o.hubspot_deal_id, h.stage_entry_number, h.sales_stage, h.entered_at,
               h.exited_at, h.days_in_stage, h.is_current
        from core.fct_opportunity_stage_history as h
        inner join core.fct_opportunities as o using (opportunity_key)
        order by 1, 2
    """)
    by_deal: dict[str, list] = {}
    for row in rows:
        by_deal.setdefault(row[0], []).append(row[1:])
    assert set(by_deal) == set(opportunities)
    for deal_id, stages in by_deal.items():
        opp = opportunities[deal_id]
        # the first stage of the deal's pipeline (sales, or expansion: docs/playbook.md §1)
        assert stages[0][1] in ("qualification_call", "expansion_discovery")
        assert stages[0][2] == opp["created_at"], deal_id
        assert [s[0] for s in stages] == list(range(1, len(stages) + 1))
        for current, following in zip(stages, stages[1:], strict=False):
            assert current[3] == following[2]  # exited when the next stage was entered
            assert current[4] == pytest.approx((following[2] - current[2]).total_seconds() / 86400)
        last = stages[-1]
        assert last[5] and last[3] is None and last[4] is None
        assert last[1] == opp["current_stage"]
        if opp["is_closed"]:
            assert last[2] == opp["closed_at"], deal_id


def test_sales_activities_are_every_engagement_once(tiny):
    totals = json.loads((tiny.truth / "totals.json").read_text())
    counts = dict(
        tiny.query("select activity_type, count(*) from core.fct_sales_activities group by 1")
    )
    assert counts == {
        "call": totals["hubspot/calls"]["unique"],
        "meeting": totals["hubspot/meetings"]["unique"],
        "email": totals["hubspot/emails"]["unique"],
    }
    missing = tiny.query("""
        select count(*) from core.fct_sales_activities
        where owner_key is null or contact_key is null or occurred_at is null
    """)[0][0]
    assert missing == 0


@pytest.mark.parametrize(
    ("model", "key"),
    [
        ("fct_opportunities", "opportunity_key"),
        ("fct_opportunity_contacts", "opportunity_key || '|' || contact_key"),
        ("fct_opportunity_stage_history", "opportunity_stage_id"),
        ("fct_sales_activities", "activity_id"),
    ],
)
def test_no_fan_out(tiny, model, key):
    rows, keys = tiny.query(f"select count(*), count(distinct {key}) from core.{model}")[0]
    assert rows == keys and rows > 0


def test_every_won_opportunity_account_is_a_customer_by_the_close(tiny, truth_deals):
    has_dim_account = tiny.query("""
        select count(*) from information_schema.tables
        where table_schema = 'core' and table_name = 'dim_account'
    """)[0][0]
    accounts = (
        "core.dim_account"
        if has_dim_account
        else """(
        select 'hs_' || company_id as account_key, became_customer_at as customer_at
        from staging.stg_hubspot__companies)"""
    )
    rows = tiny.query(f"""
        select o.hubspot_deal_id, a.customer_at, o.closed_at
        from core.fct_opportunities as o
        left join {accounts} as a using (account_key)
        where o.outcome = 'won'
    """)
    assert len(rows) == sum(d["outcome"] == "won" for d in truth_deals.values())
    for deal_id, customer_at, closed_at in rows:
        assert customer_at is not None and customer_at <= closed_at, deal_id
