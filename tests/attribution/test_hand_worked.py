"""Hand-worked cases for every model, run through the real dbt models.

The expected weights are worked out by hand below, from the definitions in
docs/attribution.md (DESIGN §4), not computed by any code under test. Each case is a
journey in tests/attribution/cases.py; times are in days.
"""

from __future__ import annotations

import pytest

from tests.attribution.cases import markov_cases, rule_cases
from tests.attribution.warehouse import build_attribution

TOL = 1e-12


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    build = build_attribution(tmp_path_factory.mktemp("attribution_cases"), rule_cases())
    assert build.returncode == 0, build.output[-4000:]
    return build


@pytest.fixture(scope="module")
def built_with_vars(tmp_path_factory):
    build = build_attribution(
        tmp_path_factory.mktemp("attribution_vars"),
        rule_cases(),
        dbt_vars={
            "attribution_lookback_days": 30,
            "attribution_half_life_days": 1,
            "attribution_touch_types": [
                "ad_click",
                "web_session",
                "email_click",
                "email_open",
                "sales_meeting",
            ],
        },
    )
    assert build.returncode == 0, build.output[-4000:]
    return build


@pytest.fixture(scope="module")
def markov(tmp_path_factory):
    build = build_attribution(tmp_path_factory.mktemp("attribution_markov"), markov_cases())
    assert build.returncode == 0, build.output[-4000:]
    return build


def assert_weights(build, conversion_id, model, expected):
    actual = build.weights(conversion_id, model)
    assert len(actual) == len(expected), (conversion_id, model, actual)
    for position, (got, want) in enumerate(zip(actual, expected, strict=True), start=1):
        assert got == pytest.approx(want, abs=TOL), (conversion_id, model, position, actual)


def decay(*ages_days, half_life=7.0):
    raw = [2 ** (-age / half_life) for age in ages_days]
    return [value / sum(raw) for value in raw]


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


# --- reconciliation and spend ---------------------------------------------------------------


def test_reconciliation_reports_unattributed_revenue(built):
    rows = built.query(
        "select conversion_stage, attribution_model, total_amount_usd, attributed_amount_usd,"
        " unattributed_amount_usd from attribution.mart_attribution_reconciliation"
        " where period_month = date '2025-03-01' order by 1, 2"
    )
    assert len(rows) == 2 * 9
    for stage, model, total, attributed, unattributed in rows:
        # won: deal 1000 (touched) + untouched 500.25; pipeline: + noroles 300
        expected_total = 1500.25 if stage == "closed_won" else 1800.25
        assert float(total) == expected_total, (stage, model)
        assert float(attributed) == expected_total - 500.25, (stage, model)
        assert float(unattributed) == 500.25, (stage, model)


def test_channel_mart_spend_roas_and_cost_per_conversion(built):
    def row(campaign, model, stage="closed_won"):
        return built.query(
            "select channel, credited_conversions, credited_amount_usd, spend_usd, roas,"
            " cost_per_credited_conversion from attribution.mart_channel_attribution"
            " where campaign_key = ? and attribution_model = ? and conversion_stage = ?"
            " and period_month = date '2025-03-01'",
            [campaign, model, stage],
        )

    # google_ads:1 spent 150 + 50 in March; the won deal's first touch is its only touch
    [(channel, conversions, revenue, spend, roas, cost)] = row("google_ads:1", "linear")
    assert (channel, spend) == ("paid_search", 200.0)
    assert conversions == pytest.approx(0.2) and revenue == pytest.approx(200.0)
    assert roas == pytest.approx(1.0) and cost == pytest.approx(1000.0)
    [(_, _, revenue, _, roas, _)] = row("google_ads:1", "first_touch")
    assert revenue == pytest.approx(1000.0) and roas == pytest.approx(5.0)
    # spend without any touch still shows, with no credit
    [(channel, conversions, revenue, spend, roas, cost)] = row("google_ads:2", "linear")
    assert (channel, conversions, revenue, spend, roas, cost) == (
        "(no touches)",
        0,
        0,
        80.0,
        0.0,
        None,
    )
    # zero spend: ROAS is NULL, not an error (a credited conversion cost 0)
    [(_, conversions, _, spend, roas, cost)] = row("linkedin_ads:7", "linear")
    assert conversions == pytest.approx(0.2)  # the won deal's day-7 touch
    assert (spend, roas, cost) == (0.0, None, 0.0)
    # contact stages carry no money; March lead conversions with a google_ads:1 touch, linear:
    # one 1 + two 1/2 + aba 2/3 + tie 1/2 + buyer 1/2 + three 1/2 + coin 1
    [(_, conversions, revenue, _, roas, cost)] = row("google_ads:1", "linear", "lead")
    assert (revenue, roas) == (None, None)
    assert conversions == pytest.approx(1 + 1 / 2 + 2 / 3 + 1 / 2 + 1 / 2 + 1 / 2 + 1)
    assert cost == pytest.approx(200 / conversions)


def test_spend_is_whole_within_each_model_and_stage(built):
    rows = built.query(
        "select attribution_model, conversion_stage, sum(spend_usd)"
        " from attribution.mart_channel_attribution group by 1, 2"
    )
    assert len(rows) == 9 * 5
    assert {row[2] for row in rows} == {280.0}


def test_explain_view_lists_every_touch_with_every_model(built):
    rows = built.query(
        "select touch_position, touchpoint_id, first_touch_weight, w_shaped_weight,"
        " full_path_weight from attribution.explain_opportunity_attribution"
        " where opportunity_key = 'deal' and conversion_stage = 'closed_won'"
        " order by touch_position"
    )
    assert [row[1] for row in rows] == ["deal_1", "deal_2", "deal_3", "deal_4", "deal_5"]
    assert [row[3] for row in rows] == pytest.approx([0.3, 0.3, 0.05, 0.3, 0.05], abs=TOL)


# --- data_driven: an absorbing Markov chain solved by hand ----------------------------------
# Lead-stage paths: m1 A>conv, m2 A>B>conv, m3 B>null, m4 A>B>A>conv.
# Transitions: start->A 3, start->B 1; A->conv 2, A->B 2; B->conv 1, B->null 1, B->A 1.
# a = P(conv | A) = 1/2 + 1/2 b;  b = P(conv | B) = 1/3 + 1/3 a  =>  a = 4/5, b = 3/5.
# P = 3/4 a + 1/4 b = 3/5 + 3/20 = 3/4.
# Without A (transitions into A go to null): b' = 1/3, P' = 1/4 * 1/3 = 1/12,
#   removal effect 1 - (1/12)/(3/4) = 8/9.
# Without B: a' = 1/2, P' = 3/4 * 1/2 = 3/8, removal effect 1 - (3/8)/(3/4) = 1/2.


def test_markov_removal_effects_by_hand(markov):
    rows = dict(
        (channel, (p, p_without, effect))
        for channel, p, p_without, effect in markov.query(
            "select channel, conversion_probability, conversion_probability_without_channel,"
            " removal_effect from intermediate.int_attribution__markov_removal_effects"
            " where conversion_stage = 'lead'"
        )
    )
    assert rows["paid_search"] == pytest.approx((3 / 4, 1 / 12, 8 / 9), abs=TOL)
    assert rows["email"] == pytest.approx((3 / 4, 3 / 8, 1 / 2), abs=TOL)


def test_data_driven_weights_by_hand(markov):
    # Per conversion: channel share = effect / sum of effects on the path, split over the
    # channel's touches. A: 8/9, B: 1/2 -> A 16/25, B 9/25 of a path holding both.
    assert_weights(markov, "lead:m1", "data_driven", [1.0])
    assert_weights(markov, "lead:m2", "data_driven", [16 / 25, 9 / 25])
    assert_weights(markov, "lead:m4", "data_driven", [8 / 25, 9 / 25, 8 / 25])
