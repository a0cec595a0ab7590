"""Hand-worked cases on contact journeys (lead, MQL): the rule-based models (first / last touch,
linear, time decay, position based) and the milestone models (u / w shaped, full path), run
through the real dbt models.

The expected weights are worked out by hand, from the definitions in docs/attribution.md
(DESIGN §4), not computed by any code under test. Each case is a journey in
tests/attribution/cases.py; times are in days. The hand-built warehouses are fixtures in
tests/attribution/conftest.py.
"""

from __future__ import annotations

import pytest

from tests.attribution.hand_worked import TOL, assert_weights, decay

# --- one touch: every model gives it everything ---------------------------------------


@pytest.mark.parametrize(
    "model",
    [
        "first_touch",
        "last_touch",
        "linear",
        "time_decay",
        "position_based",
        "u_shaped",
        "w_shaped",
        "full_path",
        "data_driven",
    ],
)
def test_one_touch_gets_all_the_credit_under_every_model(built, model):
    assert_weights(built, "lead:one", model, [1.0])


# --- two touches (lead at day 3: touches at days 0, 1; the lead-creation touch is the last)


@pytest.mark.parametrize(
    ("model", "expected"),
    [
        ("first_touch", [1, 0]),
        ("last_touch", [0, 1]),
        ("linear", [1 / 2, 1 / 2]),
        # 40 first + 40 last, nothing between: the 20 goes 40:40 -> 50/50
        ("position_based", [0.4 / 0.8, 0.4 / 0.8]),
        # 40 first + 40 lead-creation (= last touch), no others: 50/50
        ("u_shaped", [0.5, 0.5]),
        # 30 first + 30 lead creation; opportunity creation (30) missing, no others (10): 30/60 each
        ("w_shaped", [0.3 / 0.6, 0.3 / 0.6]),
        # 22.5 + 22.5; opportunity creation, closed-won and between missing: 50/50
        ("full_path", [0.225 / 0.45, 0.225 / 0.45]),
        # ages 3 and 2 days, half-life 7: 2^(-3/7) : 2^(-2/7)
        ("time_decay", decay(3, 2)),
    ],
)
def test_two_touches(built, model, expected):
    assert_weights(built, "lead:two", model, expected)


def test_two_touches_time_decay_by_hand(built):
    # 2^(-3/7) / (2^(-3/7) + 2^(-2/7)) = 1 / (1 + 2^(1/7))
    first, last = built.weights("lead:two", "time_decay")
    assert first == pytest.approx(1 / (1 + 2 ** (1 / 7)), abs=TOL)
    assert last == pytest.approx(2 ** (1 / 7) / (1 + 2 ** (1 / 7)), abs=TOL)


# --- three+ touches, distinct milestones, missing opportunity milestone --------------------
# MQL at day 4; touches at days 0 (first), 1 (lead-creation: last at or before lead_at 1.5),
# 2, 3 (last). No opportunity: w_shaped / full_path lose that milestone.


@pytest.mark.parametrize(
    ("model", "expected"),
    [
        ("first_touch", [1, 0, 0, 0]),
        ("last_touch", [0, 0, 0, 1]),
        ("linear", [0.25] * 4),
        ("position_based", [0.4, 0.2 / 2, 0.2 / 2, 0.4]),
        # 40 first, 40 lead creation, 20 over the two others (the last touch is an "other")
        ("u_shaped", [0.4, 0.4, 0.1, 0.1]),
        # 30 + 30 + 10 present, 30 (opportunity creation) missing -> each / 0.7
        ("w_shaped", [0.3 / 0.7, 0.3 / 0.7, 0.05 / 0.7, 0.05 / 0.7]),
        # 22.5 + 22.5 + 10 present (opportunity creation and closed-won missing) -> each / 0.55
        ("full_path", [0.225 / 0.55, 0.225 / 0.55, 0.05 / 0.55, 0.05 / 0.55]),
        ("time_decay", decay(4, 3, 2, 1)),
    ],
)
def test_four_touches_with_missing_opportunity_milestone(built, model, expected):
    assert_weights(built, "mql:three", model, expected)


def test_w_shaped_redistribution_in_fractions(built):
    # 3/7, 3/7, 1/14, 1/14: the missing 30 goes 30:30:10 to the others
    assert_weights(built, "mql:three", "w_shaped", [3 / 7, 3 / 7, 1 / 14, 1 / 14])


def test_milestone_flags_and_roles(built):
    rows = built.query(
        "select touch_role, is_first_touch, is_lead_creation_touch,"
        " is_opportunity_creation_touch, is_last_touch"
        " from attribution.fct_attribution_credits"
        " where conversion_id = 'mql:three' and attribution_model = 'linear'"
        " order by touch_position"
    )
    assert rows == [
        ("first", True, False, False, False),
        ("lead_creation", False, True, False, False),
        ("middle", False, False, False, False),
        ("last", False, False, False, True),
    ]


# --- coinciding milestones: the lead-creation touch is the first touch -------------------
# MQL at day 5; lead at day 1; touches at days 0 (first = lead creation), 2, 3.


@pytest.mark.parametrize(
    ("model", "expected"),
    [
        # 40 + 40 pooled on the first touch; the two others share 20
        ("u_shaped", [0.8, 0.1, 0.1]),
        # 30 + 30 pooled; opportunity creation missing; others 10 -> each / 0.7
        ("w_shaped", [0.6 / 0.7, 0.05 / 0.7, 0.05 / 0.7]),
        ("full_path", [0.45 / 0.55, 0.05 / 0.55, 0.05 / 0.55]),
        ("position_based", [0.4, 0.2, 0.4]),
    ],
)
def test_lead_creation_touch_coincides_with_first(built, model, expected):
    assert_weights(built, "mql:coin", model, expected)


def test_a_w_shaped_model_does_not_silently_equal_its_first_touch(built):
    # STYLE.md's counter-example: the lead-creation touch here is NOT the first touch.
    lead_creation = built.query(
        "select touch_position from attribution.fct_attribution_credits"
        " where conversion_id = 'mql:three' and attribution_model = 'w_shaped'"
        " and is_lead_creation_touch"
    )
    assert lead_creation == [(2,)]


# --- missing lead-creation milestone: lead created before every touch ----------------------
# MQL at day 3; lead at day 0 (an import); touches at days 1, 2.


@pytest.mark.parametrize(
    ("model", "expected"),
    [
        # 40 first + 20 for the one other; lead creation (40) missing -> / 0.6
        ("u_shaped", [0.4 / 0.6, 0.2 / 0.6]),
        ("w_shaped", [0.3 / 0.4, 0.1 / 0.4]),
        ("full_path", [0.225 / 0.325, 0.1 / 0.325]),
        ("position_based", [0.5, 0.5]),
    ],
)
def test_missing_lead_creation_touch(built, model, expected):
    assert_weights(built, "mql:nolead", model, expected)


def test_a_contact_with_no_touch_before_its_lead_is_not_credited(built):
    assert built.query(
        "select count(*) from attribution.fct_attribution_credits"
        " where conversion_id = 'lead:nolead'"
    ) == [(0,)]


# --- a -> b -> a: each occurrence counts ----------------------------------------------------


def test_a_b_a_linear_gives_a_two_thirds(built):
    rows = dict(
        built.query(
            "select channel, sum(attribution_weight) from attribution.fct_attribution_credits"
            " where conversion_id = 'lead:aba' and attribution_model = 'linear' group by channel"
        )
    )
    assert rows["paid_search"] == pytest.approx(2 / 3, abs=TOL)
    assert rows["email"] == pytest.approx(1 / 3, abs=TOL)


@pytest.mark.parametrize(
    ("model", "expected"),
    [
        ("linear", [1 / 3] * 3),
        ("position_based", [0.4, 0.2, 0.4]),
        ("first_touch", [1, 0, 0]),
        ("last_touch", [0, 0, 1]),
    ],
)
def test_a_b_a_touches(built, model, expected):
    assert_weights(built, "lead:aba", model, expected)


# --- ties: same instant, broken by touchpoint_id --------------------------------------------


def test_ties_are_broken_by_touchpoint_id(built):
    rows = built.query(
        "select touchpoint_id, attribution_weight from attribution.fct_attribution_credits"
        " where conversion_id = 'lead:tie' and attribution_model = 'first_touch'"
        " order by touch_position"
    )
    assert rows == [("tie_a", 1.0), ("tie_b", 0.0)]


def test_a_touch_at_the_lead_creation_instant_is_the_lead_creation_touch(built):
    # MQL at day 3: tie_a, tie_b (day 0), tie_x (day 1 = lead_at), tie_y (day 2)
    assert_weights(built, "mql:tie", "u_shaped", [0.4, 0.1, 0.4, 0.1])
