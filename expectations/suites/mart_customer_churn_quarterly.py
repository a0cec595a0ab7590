"""metrics.mart_customer_churn_quarterly.

Customers and churn per quarter × size band × industry; churn_rate is a fraction (0-1).
"""

from __future__ import annotations

import great_expectations as gx

from expectations.suites.mart_customer_churn_monthly import churn_suite

TABLE = "metrics.mart_customer_churn_quarterly"

KEY = ["quarter_start", "company_size_band", "industry"]


def build_suite() -> gx.ExpectationSuite:
    return churn_suite("mart_customer_churn_quarterly", KEY)
