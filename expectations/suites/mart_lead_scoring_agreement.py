"""metrics.mart_lead_scoring_agreement: Score vs CRM MQL agreement per month (a fraction)."""

from __future__ import annotations

import great_expectations as gx

from expectations.suites._common import period_mart

TABLE = "metrics.mart_lead_scoring_agreement"

KEY = ["month_start"]


def build_suite() -> gx.ExpectationSuite:
    return period_mart(
        "mart_lead_scoring_agreement",
        KEY,
        fractions=["agreement_rate"],
        non_negatives=[
            "leads",
            "mql_by_both",
            "mql_by_score_only",
            "mql_by_crm_only",
            "mql_by_neither",
        ],
    )
