"""metrics.mart_customer_churn_monthly.

Customers and churn per month × size band × industry; churn_rate is a fraction (0-1).
"""

from __future__ import annotations

import great_expectations as gx

from expectations.checks import sql_check
from expectations.suites._common import period_mart

TABLE = "metrics.mart_customer_churn_monthly"

KEY = ["month_start", "company_size_band", "industry"]

COUNTS = [
    "customers_at_start",
    "new_customers",
    "lost_customers",
    "won_and_lost_in_period",
    "customers_at_end",
]


def churn_suite(name: str, key: list[str]) -> gx.ExpectationSuite:
    """The checks of mart_customer_churn_monthly and of _quarterly (other period key)."""
    return period_mart(
        name,
        key,
        fractions=["churn_rate"],
        non_negatives=COUNTS,
        extra=[
            sql_check(
                f"select {', '.join([*key, *COUNTS])} from {{batch}}"
                " where customers_at_start + new_customers - lost_customers"
                " - won_and_lost_in_period <> customers_at_end",
                "customers at end = at start + new - lost - won and lost in the period",
            ),
            sql_check(
                f"select {', '.join([*key, *COUNTS])} from {{batch}}"
                " where lost_customers > customers_at_start"
                " or won_and_lost_in_period > new_customers",
                "lost <= customers at start; won and lost <= new",
            ),
        ],
    )


def build_suite() -> gx.ExpectationSuite:
    return churn_suite("mart_customer_churn_monthly", KEY)
