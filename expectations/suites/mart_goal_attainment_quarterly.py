"""metrics.mart_goal_attainment_quarterly.

Goals against actuals per quarter × metric × segment × team × rep; the checks of
mart_goal_attainment_monthly over quarters (attainment and projections are ratios >= 0).
"""

from __future__ import annotations

import great_expectations as gx

from expectations.suites.mart_goal_attainment_monthly import goal_suite

TABLE = "metrics.mart_goal_attainment_quarterly"

KEY = ["quarter_start", "metric", "segment", "team", "owner_key"]


def build_suite() -> gx.ExpectationSuite:
    return goal_suite("mart_goal_attainment_quarterly", KEY)
