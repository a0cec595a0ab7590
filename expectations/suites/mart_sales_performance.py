"""metrics.mart_sales_performance.

Win rate, deal size and cycle per close period and slice; win_rate is a fraction.
"""

from __future__ import annotations

import great_expectations as gx

from expectations.checks import sql_check
from expectations.suites._common import period_mart

TABLE = "metrics.mart_sales_performance"

KEY = ["period_grain", "period_start", "dimension", "dimension_value"]


def build_suite() -> gx.ExpectationSuite:
    return period_mart(
        "mart_sales_performance",
        KEY,
        fractions=["win_rate"],
        non_negatives=[
            "closed_deals",
            "won_deals",
            "lost_deals",
            "won_revenue_usd",
            "avg_deal_size_usd",
            "avg_sales_cycle_days",
        ],
        extra=[
            sql_check(
                "select period_grain, period_start, dimension, dimension_value, closed_deals,"
                " won_deals, lost_deals from {batch} where won_deals + lost_deals <> closed_deals",
                "closed deals = won + lost",
            ),
        ],
    )
