"""metrics.mart_goal_attainment_weekly.

Goals against actuals per week × metric × segment × team × rep; the checks of
mart_goal_attainment_monthly over weeks (attainment and projections are ratios >= 0).
"""

from __future__ import annotations

import great_expectations as gx

from expectations.suites.mart_goal_attainment_monthly import goal_suite

TABLE = "metrics.mart_goal_attainment_weekly"

KEY = ["week_start", "metric", "segment", "team", "owner_key"]


def build_suite() -> gx.ExpectationSuite:
    return goal_suite("mart_goal_attainment_weekly", KEY)
