"""metrics.mart_lead_sla.

MQL follow-up SLA: pct_within_sla in %, acceptance and recycle rates are fractions.
"""

from __future__ import annotations

import great_expectations as gx

from expectations.suites._common import period_mart

TABLE = "metrics.mart_lead_sla"

KEY = ["period_grain", "period_start", "dimension", "dimension_value"]


def build_suite() -> gx.ExpectationSuite:
    return period_mart(
        "mart_lead_sla",
        KEY,
        fractions=["sal_acceptance_rate", "recycle_rate"],
        percents=["pct_within_sla"],
        non_negatives=[
            "mqls",
            "mqls_followed_up",
            "mqls_within_sla",
            "median_hours_to_first_activity",
        ],
    )
