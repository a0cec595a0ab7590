"""Hand-worked cases on deals (opportunity creation, closed won) and on which touches are
eligible (lookback, touch types, conversion instant, buying group), run through the real dbt
models.

The expected weights are worked out by hand, from the definitions in docs/attribution.md
(DESIGN §4), not computed by any code under test. Each case is a journey in
tests/attribution/cases.py; times are in days. The hand-built warehouses are fixtures in
tests/attribution/conftest.py.
"""

from __future__ import annotations

import pytest

from tests.attribution.hand_worked import assert_weights, decay

# --- eligibility: lookback, touch types, conversion instant, buying group -----------------


def test_lookback_boundary_is_inclusive_and_older_touches_are_out(built):
    # MQL at day 400: day 34 (366 days before) out, day 35 (exactly 365) in, day 399 in
    rows = built.query(
        "select touchpoint_id from attribution.fct_attribution_credits"
        " where conversion_id = 'mql:old' and attribution_model = 'linear'"
        " order by touch_position"
    )
    assert rows == [("old_2",), ("old_3",)]


def test_lookback_var(built_with_vars):
    rows = built_with_vars.query(
        "select touchpoint_id from attribution.fct_attribution_credits"
        " where conversion_id = 'mql:old' and attribution_model = 'linear'"
    )
    assert rows == [("old_3",)]


def test_email_opens_do_not_count_by_default(built, built_with_vars):
    assert built.weights("lead:opens", "linear") == [1.0]
    assert_weights(built_with_vars, "lead:opens", "linear", [0.5, 0.5])


def test_half_life_var(built_with_vars):
    # half-life 1 day, ages 3 and 2: 2^-3 : 2^-2 = 1/3 : 2/3
    assert_weights(built_with_vars, "lead:two", "time_decay", [1 / 3, 2 / 3])


def test_touches_at_the_conversion_instant_and_outside_the_buying_group_are_out(built):
    opportunity = built.query(
        "select touchpoint_id from attribution.fct_attribution_credits"
        " where conversion_id = 'opportunity:deal' and attribution_model = 'linear'"
        " order by touch_position"
    )
    won = built.query(
        "select touchpoint_id from attribution.fct_attribution_credits"
        " where conversion_id = 'closed_won:deal' and attribution_model = 'linear'"
        " order by touch_position"
    )
    assert opportunity == [("deal_1",), ("deal_2",), ("deal_3",)]  # deal_4 is at creation
    assert won == [("deal_1",), ("deal_2",), ("deal_3",), ("deal_4",), ("deal_5",)]


# --- a deal: opportunity creation (pipeline) and closed-won (revenue) ----------------------
# Opportunity created day 5: touches days 0 (first), 2 (lead creation: buyer's lead_at 2.5),
# 4 (opportunity creation = last). Won day 10: + day 5 (opportunity creation: at creation)
# and day 7 (closed-won = last).


@pytest.mark.parametrize(
    ("model", "expected"),
    [
        ("u_shaped", [0.4, 0.4, 0.2]),
        # 30/30/30 on three distinct touches, no others: 10 goes 30:30:30
        ("w_shaped", [1 / 3, 1 / 3, 1 / 3]),
        # 22.5 x 3 present, closed-won missing, no others: / 0.675
        ("full_path", [0.225 / 0.675] * 3),
        ("position_based", [0.4, 0.2, 0.4]),
    ],
)
def test_opportunity_creation_touch_coincides_with_last(built, model, expected):
    assert_weights(built, "opportunity:deal", model, expected)


@pytest.mark.parametrize(
    ("model", "expected"),
    [
        ("first_touch", [1, 0, 0, 0, 0]),
        ("last_touch", [0, 0, 0, 0, 1]),
        ("linear", [0.2] * 5),
        ("position_based", [0.4, 0.2 / 3, 0.2 / 3, 0.2 / 3, 0.4]),
        ("u_shaped", [0.4, 0.4, 0.2 / 3, 0.2 / 3, 0.2 / 3]),
        # first, lead creation, opportunity creation (day 5) 30 each; day 4 and day 7 share 10
        ("w_shaped", [0.3, 0.3, 0.05, 0.3, 0.05]),
        # four milestones 22.5 each, day 4 alone gets the 10
        ("full_path", [0.225, 0.225, 0.1, 0.225, 0.225]),
        ("time_decay", decay(10, 8, 6, 5, 3)),
    ],
)
def test_closed_won_weights(built, model, expected):
    assert_weights(built, "closed_won:deal", model, expected)


def test_closed_won_roles_and_amounts(built):
    rows = built.query(
        "select touch_role, is_opportunity_creation_touch, is_closed_won_touch, is_last_touch,"
        " credited_amount_usd from attribution.fct_attribution_credits"
        " where conversion_id = 'closed_won:deal' and attribution_model = 'full_path'"
        " order by touch_position"
    )
    assert [row[:4] for row in rows] == [
        ("first", False, False, False),
        ("lead_creation", False, False, False),
        ("middle", False, False, False),
        ("opportunity_creation", True, False, False),
        ("closed_won", False, True, True),
    ]
    assert [row[4] for row in rows] == pytest.approx([225, 225, 100, 225, 225], abs=1e-9)


@pytest.mark.parametrize(
    ("model", "expected"),
    [
        # account fallback: p (day 0) and q (day 1); earliest lead of the two is q's (day 0.25),
        # so the lead-creation touch is p's day-0 touch = first; opportunity creation = last
        ("u_shaped", [0.8, 0.2]),
        ("w_shaped", [0.6 / 0.9, 0.3 / 0.9]),
        ("full_path", [0.45 / 0.675, 0.225 / 0.675]),
    ],
)
def test_deal_without_roles_credits_the_accounts_contacts(built, model, expected):
    assert_weights(built, "opportunity:noroles", model, expected)
