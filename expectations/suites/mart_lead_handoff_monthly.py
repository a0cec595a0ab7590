"""metrics.mart_lead_handoff_monthly.

Lead hand-off per MQL month × owner: counts of MQL episodes (nested: assigned, followed up,
within the SLA, rejected <= MQLs), hours (>= 0) and rates as fractions of the MQLs.
"""

from __future__ import annotations

import great_expectations as gx

from expectations.checks import sql_check
from expectations.suites._common import period_mart

TABLE = "metrics.mart_lead_handoff_monthly"

KEY = ["month_start", "owner_key"]

COUNTS = ["mqls", "mqls_assigned", "mqls_followed_up", "mqls_within_sla", "mqls_rejected"]


def build_suite() -> gx.ExpectationSuite:
    return period_mart(
        "mart_lead_handoff_monthly",
        KEY,
        required=["owner_team"],
        fractions=["within_sla_rate", "rejection_rate"],
        non_negatives=[
            *COUNTS,
            "sla_hours",
            "median_assignment_hours",
            "p75_assignment_hours",
            "median_first_touch_hours",
        ],
        extra=[
            sql_check(
                f"select month_start, owner_key, {', '.join(COUNTS)},"
                " median_assignment_hours, p75_assignment_hours from {batch}"
                " where mqls < 1 or mqls_assigned > mqls or mqls_followed_up > mqls"
                " or mqls_within_sla > mqls_followed_up or mqls_rejected > mqls"
                " or median_assignment_hours > p75_assignment_hours + 1e-9",
                "MQLs >= 1; assigned, followed up, rejected <= MQLs; within SLA <= followed"
                " up; median <= p75 assignment hours",
            ),
            sql_check(
                "select month_start, owner_key, mqls, mqls_within_sla, within_sla_rate,"
                " mqls_rejected, rejection_rate from {batch}"
                " where abs(within_sla_rate - mqls_within_sla / mqls) > 1e-9"
                " or abs(rejection_rate - mqls_rejected / mqls) > 1e-9",
                "within_sla_rate = within SLA / MQLs; rejection_rate = rejected / MQLs",
            ),
        ],
    )
