"""metrics.mart_customer_churn.

Customers and churn per period and slice; churn_rate_pct is a percentage (0-100).
"""

from __future__ import annotations

import great_expectations as gx

from expectations.checks import sql_check
from expectations.suites._common import period_mart

TABLE = "metrics.mart_customer_churn"

KEY = ["period_grain", "period_start", "dimension", "dimension_value"]


def build_suite() -> gx.ExpectationSuite:
    return period_mart(
        "mart_customer_churn",
        KEY,
        percents=["churn_rate_pct"],
        non_negatives=["customers_at_start", "new_customers", "lost_customers", "customers_at_end"],
        extra=[
            sql_check(
                "select period_grain, period_start, dimension, dimension_value, customers_at_start,"
                " new_customers, lost_customers, customers_at_end from {batch}"
                " where customers_at_start + new_customers - lost_customers <> customers_at_end",
                "customers at end = at start + new - lost",
            ),
        ],
    )
