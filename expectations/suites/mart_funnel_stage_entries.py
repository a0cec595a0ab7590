"""metrics.mart_funnel_stage_entries.

Period-based first entries per month x stage x slices (visitor stage: visitor ids).
"""

from __future__ import annotations

import great_expectations as gx

from expectations.suites._common import FUNNEL_STAGES, accepted, period_mart

TABLE = "metrics.mart_funnel_stage_entries"

KEY = [
    "month_start",
    "stage",
    "first_touch_channel",
    "company_size_band",
    "industry",
    "owner_team",
]


def build_suite() -> gx.ExpectationSuite:
    return period_mart(
        "mart_funnel_stage_entries",
        KEY,
        required=["stage_order"],
        non_negatives=["entries"],
        extra=[accepted("stage", FUNNEL_STAGES)],
    )
