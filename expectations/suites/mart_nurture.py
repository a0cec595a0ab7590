"""metrics.mart_nurture: Nurture effectiveness per program; every rate is a fraction."""

from __future__ import annotations

import great_expectations as gx

from expectations.suites._common import period_mart

TABLE = "metrics.mart_nurture"

KEY = ["nurture_program"]


def build_suite() -> gx.ExpectationSuite:
    return period_mart(
        "mart_nurture",
        KEY,
        fractions=[
            "open_rate",
            "click_rate",
            "unsubscribe_rate",
            "mql_rate",
            "sql_rate",
            "comparable_non_nurtured_mql_rate",
            "comparable_non_nurtured_sql_rate",
        ],
        non_negatives=["emails_delivered", "nurtured_leads", "nurtured_to_mql", "nurtured_to_sql"],
    )
