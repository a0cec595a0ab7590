"""metrics.mart_lead_sla_total: MQL follow-up SLA per MQL month over all owners."""

from __future__ import annotations

import great_expectations as gx

from expectations.suites._common import period_mart

TABLE = "metrics.mart_lead_sla_total"

KEY = ["month_start"]


def build_suite() -> gx.ExpectationSuite:
    return period_mart(
        "mart_lead_sla_total",
        KEY,
        fractions=["within_sla_rate"],
        non_negatives=[
            "mqls",
            "mqls_followed_up",
            "mqls_within_sla",
            "median_hours_to_first_activity",
        ],
    )
