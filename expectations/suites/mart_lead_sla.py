"""metrics.mart_lead_sla: MQL follow-up SLA per MQL month and owner; every rate a fraction."""

from __future__ import annotations

import great_expectations as gx

from expectations.suites._common import period_mart

TABLE = "metrics.mart_lead_sla"

KEY = ["month_start", "owner_key"]


def build_suite() -> gx.ExpectationSuite:
    return period_mart(
        "mart_lead_sla",
        KEY,
        fractions=["within_sla_rate", "sal_acceptance_rate", "recycle_rate"],
        non_negatives=[
            "mqls",
            "mqls_followed_up",
            "mqls_within_sla",
            "total_hours_to_first_activity",
            "median_hours_to_first_activity",
            "mqls_accepted",
            "mqls_recycled",
        ],
    )
