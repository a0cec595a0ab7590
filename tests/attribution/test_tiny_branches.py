"""The demo company's edge cases (issue 15, `_truth/branches.csv`) handled as docs/attribution.md
and DESIGN §4 say, on the tiny warehouse.

The truth names each case's record; the expectation is the rule, checked on that record:
eligible touches are strictly before the conversion and no older than the lookback
(`converted_at - 365 days <= touched_at < converted_at`), a deal without a contact role
credits its account's contacts, a won deal without an eligible touch is unattributed
revenue, and so on.
"""

from __future__ import annotations

import csv
import datetime as dt

import pytest

LOOKBACK = dt.timedelta(days=365)


@pytest.fixture(scope="module")
def branches(tiny_attribution) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    with open(tiny_attribution.truth / "branches.csv", newline="") as fh:
        for row in csv.DictReader(fh):
            out.setdefault(row["branch"], []).append(row)
    return out


def cases(branches, name) -> list[dict]:
    found = branches.get(name, [])
    assert found, f"the tiny demo has no {name!r} case in _truth/branches.csv"
    return found


def deal(tiny, hubspot_deal_id: str) -> dict:
    rows = tiny.query(
        "select opportunity_key, account_key, created_at, closed_at, is_won, amount_usd,"
        " is_new_business from core.fct_opportunities where hubspot_deal_id = ?",
        [hubspot_deal_id],
    )
    assert len(rows) == 1, hubspot_deal_id
    keys = ("key", "account", "created_at", "closed_at", "is_won", "amount_usd", "new")
    return dict(zip(keys, rows[0], strict=True))


def won_stage(d: dict) -> str:
    return "closed_won" if d["new"] else "expansion_won"


def created_stage(d: dict) -> str:
    return "opportunity" if d["new"] else "expansion_opportunity"


def credited_touches(tiny, conversion_id: str) -> set[str]:
    rows = tiny.query(
        "select distinct touchpoint_id from attribution.fct_attribution_credits"
        " where conversion_id = ?",
        [conversion_id],
    )
    return {row[0] for row in rows}


def eligible_contacts(tiny, opportunity_key: str) -> set[str]:
    rows = tiny.query(
        "select contact_key from intermediate.int_attribution__opportunity_contacts"
        " where opportunity_key = ?",
        [opportunity_key],
    )
    return {row[0] for row in rows}


def touches_of(tiny, contacts: set[str]) -> list[tuple[str, dt.datetime]]:
    if not contacts:
        return []
    marks = ", ".join("?" for _ in contacts)
    return tiny.query(
        "select touchpoint_id, touched_at from intermediate.int_attribution__countable_touches"
        f" where attribution_scope = 'default' and contact_key in ({marks})",
        sorted(contacts),
    )


def test_won_deal_without_an_eligible_touch_is_unattributed_revenue(tiny_attribution, branches):
    for case in cases(branches, "won_without_touch"):
        d = deal(tiny_attribution, case["entity_id"])
        assert d["is_won"], case
        conversion = f"{won_stage(d)}:{d['key']}"
        assert credited_touches(tiny_attribution, conversion) == set(), case
        [(unattributed,)] = tiny_attribution.query(
            "select unattributed_amount_usd from attribution.mart_attribution_reconciliation"
            " where conversion_stage = ? and attribution_model = 'linear'"
            " and month_start = date_trunc('month', ?::timestamp)::date",
            [won_stage(d), d["closed_at"]],
        )
        assert float(unattributed) >= float(d["amount_usd"]) - 0.005, case


def test_deal_without_contact_role_credits_its_accounts_contacts(tiny_attribution, branches):
    for case in cases(branches, "deal_without_contact_role"):
        d = deal(tiny_attribution, case["entity_id"])
        [(roles,)] = tiny_attribution.query(
            "select count(*) from core.fct_opportunity_contacts where opportunity_key = ?",
            [d["key"]],
        )
        assert roles == 0, case
        account_contacts = {
            row[0]
            for row in tiny_attribution.query(
                "select contact_key from core.fct_contact_funnel where account_key = ?",
                [d["account"]],
            )
        }
        assert account_contacts, case
        assert eligible_contacts(tiny_attribution, d["key"]) == account_contacts, case


def test_touch_at_deal_creation_counts_for_the_close_not_the_creation(tiny_attribution, branches):
    for case in cases(branches, "touch_at_deal_creation"):
        d = deal(tiny_attribution, case["entity_id"])
        at_creation = {
            touch
            for touch, at in touches_of(
                tiny_attribution, eligible_contacts(tiny_attribution, d["key"])
            )
            if at == d["created_at"]
        }
        assert at_creation, case
        # strictly before the conversion: not eligible for the deal's creation
        created = credited_touches(tiny_attribution, f"{created_stage(d)}:{d['key']}")
        assert not at_creation & created, case
        if d["is_won"]:
            assert at_creation <= credited_touches(tiny_attribution, f"{won_stage(d)}:{d['key']}")


def test_touch_exactly_at_the_lookback_boundary_counts(tiny_attribution, branches):
    for case in cases(branches, "touch_at_lookback_boundary"):
        d = deal(tiny_attribution, case["entity_id"])
        touches = touches_of(tiny_attribution, eligible_contacts(tiny_attribution, d["key"]))
        checked = 0
        for stage, converted_at in (
            (created_stage(d), d["created_at"]),
            (won_stage(d), d["closed_at"] if d["is_won"] else None),
        ):
            if converted_at is None:
                continue
            credited = credited_touches(tiny_attribution, f"{stage}:{d['key']}")
            for touch, at in touches:
                if at == converted_at - LOOKBACK:
                    assert touch in credited, (case, stage)
                    checked += 1
                elif at < converted_at - LOOKBACK:
                    assert touch not in credited, (case, stage)
        assert checked, f"no touch exactly {LOOKBACK.days} days before a conversion: {case}"


def test_lead_imported_before_any_touch_has_no_lead_credit(tiny_attribution, branches):
    for case in cases(branches, "lead_imported_before_touch"):
        [(contact_key, lead_at)] = tiny_attribution.query(
            "select contact_key, lead_at from core.dim_contact join core.fct_contact_funnel"
            " using (contact_key) where hubspot_contact_id = ?",
            [case["entity_id"]],
        )
        touched = tiny_attribution.query(
            "select min(touched_at) from core.fct_touchpoints where contact_key = ?",
            [contact_key],
        )[0][0]
        assert touched is None or touched > lead_at, case
        assert credited_touches(tiny_attribution, f"lead:{contact_key}") == set(), case


def test_contact_without_account_is_in_the_contact_funnel_only(tiny_attribution, branches):
    for case in cases(branches, "contact_without_account"):
        rows = tiny_attribution.query(
            "select contact_key, account_key from core.dim_contact where hubspot_contact_id = ?",
            [case["entity_id"]],
        )
        assert len(rows) == 1 and rows[0][1] is None, case
        [(in_funnel,)] = tiny_attribution.query(
            "select count(*) from core.fct_contact_funnel where contact_key = ?", [rows[0][0]]
        )
        assert in_funnel == 1, case


def test_churned_customer_who_returns_is_a_reactivation(tiny_attribution, branches):
    for case in cases(branches, "churned_customer_returned"):
        rows = tiny_attribution.query(
            "select change_kind from core.fct_customer_contract_changes"
            " join core.dim_account using (account_key) where hubspot_company_id = ?"
            " order by changed_at",
            [case["entity_id"]],
        )
        kinds = [row[0] for row in rows]
        assert "churn" in kinds and "reactivation" in kinds, (case, kinds)
        assert kinds.index("churn") < kinds.index("reactivation"), (case, kinds)
        # A customer again after the return, unless it churned once more.
        [(current,)] = tiny_attribution.query(
            "select is_current_customer from core.dim_account where hubspot_company_id = ?",
            [case["entity_id"]],
        )
        assert current == (kinds[-1] != "churn"), (case, kinds)
