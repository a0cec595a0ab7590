"""metrics.mart_lead_rejections_monthly.

Sales rejections (disqualified MQL episodes) per month × lead source × campaign × reason;
rejection_share is the row's part of the month (a fraction; the month's shares sum to 1).
"""

from __future__ import annotations

import great_expectations as gx

from expectations.checks import sql_check, sums_to_one, totals_match
from expectations.suites._common import accepted, period_mart

TABLE = "metrics.mart_lead_rejections_monthly"

KEY = ["month_start", "lead_source", "campaign_key", "rejection_reason"]

REASONS = (
    "no_budget",
    "no_authority",
    "no_need",
    "bad_timing",
    "competitor",
    "bad_fit",
    "unresponsive",
    "duplicate",
    "other",
)


def build_suite() -> gx.ExpectationSuite:
    return period_mart(
        "mart_lead_rejections_monthly",
        KEY,
        fractions=["rejection_share"],
        non_negatives=["rejected_leads"],
        extra=[
            accepted("rejection_reason", REASONS),
            sums_to_one("rejection_share", ["month_start"]),
            sql_check(
                "select month_start, lead_source, campaign_key, rejection_reason,"
                " rejected_leads, rejection_share from {batch}"
                " where rejected_leads < 1",
                "a row has at least one rejected lead",
            ),
            totals_match(
                "(select sum(rejected_leads) from {batch})",
                "(select sum(mqls_rejected) from metrics.mart_lead_handoff_monthly)",
                description="Σ rejected leads = Σ mqls_rejected of"
                " metrics.mart_lead_handoff_monthly (the same disqualified MQL episodes)",
            ),
        ],
    )
