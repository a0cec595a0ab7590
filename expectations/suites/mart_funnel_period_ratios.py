"""metrics.mart_funnel_period_ratios.

Entries into k+1 / entries into k in the same month: a ratio (can exceed 1), never negative.
"""

from __future__ import annotations

import great_expectations as gx

from expectations.suites._common import FUNNEL_STAGES, accepted, period_mart

TABLE = "metrics.mart_funnel_period_ratios"

KEY = ["month_start", "from_stage"]


def build_suite() -> gx.ExpectationSuite:
    return period_mart(
        "mart_funnel_period_ratios",
        KEY,
        required=["to_stage", "from_stage_order"],
        non_negatives=["entries_from_stage", "entries_to_stage", "next_stage_entry_ratio"],
        extra=[accepted("from_stage", FUNNEL_STAGES), accepted("to_stage", FUNNEL_STAGES)],
    )
