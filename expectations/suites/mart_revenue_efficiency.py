"""metrics.mart_revenue_efficiency.

Marketing and sales cost, CAC, ROMI per period; costs and CAC never negative.
"""

from __future__ import annotations

import great_expectations as gx

from expectations.suites._common import period_mart

TABLE = "metrics.mart_revenue_efficiency"

KEY = ["period_grain", "period_start"]


def build_suite() -> gx.ExpectationSuite:
    return period_mart(
        "mart_revenue_efficiency",
        KEY,
        non_negatives=[
            "ad_spend_usd",
            "program_cost_usd",
            "marketing_cost_usd",
            "sales_cost_usd",
            "new_customers",
            "cac_usd",
            "won_revenue_usd",
        ],
    )
