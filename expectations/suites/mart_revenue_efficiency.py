"""metrics.mart_revenue_efficiency: Costs, new customers and CAC per month; never negative."""

from __future__ import annotations

import great_expectations as gx

from expectations.suites._common import period_mart

TABLE = "metrics.mart_revenue_efficiency"

KEY = ["month_start"]


def build_suite() -> gx.ExpectationSuite:
    return period_mart(
        "mart_revenue_efficiency",
        KEY,
        non_negatives=[
            "ad_spend_usd",
            "program_cost_usd",
            "marketing_cost_usd",
            "sales_cost_usd",
            "sales_and_marketing_cost_usd",
            "new_customers",
            "cac_usd",
            "won_revenue_usd",
        ],
    )
