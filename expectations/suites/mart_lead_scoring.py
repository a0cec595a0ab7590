"""metrics.mart_lead_scoring: Leads per month and score band; conversions are fractions."""

from __future__ import annotations

import great_expectations as gx

from expectations.suites._common import period_mart

TABLE = "metrics.mart_lead_scoring"

KEY = ["month_start", "score_band"]


def build_suite() -> gx.ExpectationSuite:
    return period_mart(
        "mart_lead_scoring",
        KEY,
        fractions=["sql_conversion_rate", "won_conversion_rate"],
        non_negatives=["leads", "leads_to_sql", "leads_to_won"],
    )
