"""metrics.mart_funnel_velocity_monthly.

Days between first entering stage k and k+1 per month: never negative,
min <= median <= p75 <= max.
"""

from __future__ import annotations

import great_expectations as gx

from expectations.checks import non_decreasing
from expectations.suites._common import FUNNEL_STAGES, accepted, period_mart

TABLE = "metrics.mart_funnel_velocity_monthly"

KEY = ["month_start", "from_stage"]


def velocity_suite(name: str, key: list[str]) -> gx.ExpectationSuite:
    """The checks of mart_funnel_velocity_monthly and of _quarterly (other period key)."""
    return period_mart(
        name,
        key,
        required=["to_stage", "from_stage_order"],
        non_negatives=[
            "transitions",
            "total_days",
            "min_days",
            "median_days",
            "p75_days",
            "mean_days",
            "max_days",
        ],
        extra=[
            accepted("from_stage", FUNNEL_STAGES),
            non_decreasing(["min_days", "median_days", "p75_days", "max_days"], key=key),
        ],
    )


def build_suite() -> gx.ExpectationSuite:
    return velocity_suite("mart_funnel_velocity_monthly", KEY)
