"""metrics.mart_funnel_plan.

The reverse funnel in one grain chain per target quarter and step; ratios are >= 0.
"""

from __future__ import annotations

import great_expectations as gx

from expectations.suites._common import accepted, period_mart

TABLE = "metrics.mart_funnel_plan"

KEY = ["quarter_start", "funnel_step"]

STEPS = [
    "won_deals",
    "proposals",
    "sql_opportunities",
    "qualification_calls",
    "sqls",
    "mqls",
    "leads",
    "visitors",
]


def build_suite() -> gx.ExpectationSuite:
    return period_mart(
        "mart_funnel_plan",
        KEY,
        required=["step_order", "step_unit"],
        non_negatives=[
            "revenue_target_usd",
            "trailing_entries",
            "trailing_step_ratio",
            "required_entries",
            "actual_entries",
            "actual_vs_required_ratio",
        ],
        extra=[
            accepted("funnel_step", STEPS),
            accepted("step_unit", ["deal", "contact", "visitor id"]),
        ],
    )
