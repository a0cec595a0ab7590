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
            " where conversion_stage = 'lead' and attribution_scope = 'default'"
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


# --- the lead chain counts the visitors who never identified --------------------------------
# Paths (tests/attribution/cases.py, visitor_and_marketing_cases): v1 A>C>conv, v2 C>conv, and
# the never-identified visitor anon_x C>null (anon_v2's contact-less touch is v2's: not a path).
# Transitions: start->A 1, start->C 2; A->C 1; C->conv 2, C->null 1.
# c = P(conv | C) = 2/3; a = P(conv | A) = c = 2/3;  P = 1/3 a + 2/3 c = 2/3.
# Without A: P' = 2/3 c = 4/9, removal effect 1 - (4/9)/(2/3) = 1/3.
# Without C: P' = 0, removal effect 1.
# v1's weights: A (1/3) / (1/3 + 1) = 1/4, C 3/4.
# Without anon_x (the chain before visitors counted): P = 1, without A 1/2: effect 1/2, so
# v1 would be A 1/3, C 2/3: the never-identified visitor makes C's credit grow.


def test_never_identified_visitor_is_a_non_converting_lead_path(scoped):
    rows = {
        channel: (p, p_without, effect, non_converting)
        for channel, p, p_without, effect, non_converting in scoped.query(
            "select channel, conversion_probability, conversion_probability_without_channel,"
            " removal_effect, non_converting_paths"
            " from intermediate.int_attribution__markov_removal_effects"
            " where conversion_stage = 'lead' and attribution_scope = 'default'"
        )
    }
    assert rows["paid_search"] == pytest.approx((2 / 3, 4 / 9, 1 / 3, 1), abs=TOL)
    assert rows["organic_search"] == pytest.approx((2 / 3, 0.0, 1.0, 1), abs=TOL)
    assert_weights(scoped, "lead:v1", "data_driven", [1 / 4, 3 / 4])
    assert_weights(scoped, "lead:v2", "data_driven", [1.0])
