"""metrics.mart_funnel_plan.

Reverse funnel per target quarter and step; trailing rates are ratios >= 0.
"""

from __future__ import annotations

import great_expectations as gx

from expectations.suites._common import accepted, period_mart

TABLE = "metrics.mart_funnel_plan"

KEY = ["quarter_start", "funnel_step"]


def build_suite() -> gx.ExpectationSuite:
    return period_mart(
        "mart_funnel_plan",
        KEY,
        non_negatives=[
            "revenue_target_usd",
            "trailing_rate_to_next_step",
            "required_entries",
            "actual_entries",
        ],
        extra=[
            accepted(
                "funnel_step", ["visitors", "leads", "mqls", "sqls", "proposals", "won_deals"]
            ),
        ],
    )
