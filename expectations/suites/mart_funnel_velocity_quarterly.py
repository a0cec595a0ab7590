"""metrics.mart_funnel_velocity_quarterly.

Days between first entering stage k and k+1 per quarter: never negative,
min <= median <= p75 <= max.
"""

from __future__ import annotations

import great_expectations as gx

from expectations.suites.mart_funnel_velocity_monthly import velocity_suite

TABLE = "metrics.mart_funnel_velocity_quarterly"

KEY = ["quarter_start", "from_stage"]


def build_suite() -> gx.ExpectationSuite:
    return velocity_suite("mart_funnel_velocity_quarterly", KEY)
