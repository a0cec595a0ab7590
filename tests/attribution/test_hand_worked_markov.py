"""Hand-worked data-driven model: an absorbing Markov chain solved by hand, run through the
real dbt models.

The expected weights are worked out by hand, from the definitions in docs/attribution.md
(DESIGN §4), not computed by any code under test. Each case is a journey in
tests/attribution/cases.py; times are in days. The hand-built warehouses are fixtures in
tests/attribution/conftest.py.
"""

from __future__ import annotations

import pytest

from tests.attribution.hand_worked import TOL, assert_weights

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
