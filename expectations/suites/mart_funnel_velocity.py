"""metrics.mart_funnel_velocity.

Days between first entering stage k and k+1: never negative, min <= median <= p75 <= max.
"""

from __future__ import annotations

import great_expectations as gx

from expectations.checks import non_decreasing
from expectations.suites._common import FUNNEL_STAGES, accepted, period_mart

TABLE = "metrics.mart_funnel_velocity"

KEY = [
    "period_grain",
    "period_start",
    "basis",
    "level",
    "dimension",
    "dimension_value",
    "from_stage",
]


def build_suite() -> gx.ExpectationSuite:
    return period_mart(
        "mart_funnel_velocity",
        KEY,
        non_negatives=[
            "transitions",
            "min_days",
            "median_days",
            "p75_days",
            "mean_days",
            "max_days",
        ],
        extra=[
            accepted("from_stage", FUNNEL_STAGES),
            non_decreasing(["min_days", "median_days", "p75_days", "max_days"], key=KEY),
        ],
    )
