"""core.fct_contact_funnel: one row per contact; first-entered stage timestamps never decrease."""

from __future__ import annotations

import great_expectations as gx

from expectations.checks import foreign_key, non_decreasing
from expectations.suites._common import (
    FUNNEL_STAGES,
    SIDE_STATES,
    accepted,
    columns,
    drift,
    key,
    non_negative,
    not_in_future,
    suite,
)

TABLE = "core.fct_contact_funnel"

STAGE_COLUMNS = [f"{stage}_at" for stage in FUNNEL_STAGES]  # visitor_at ... evangelist_at


def build_suite() -> gx.ExpectationSuite:
    return suite(
        "fct_contact_funnel",
        columns(
            [
                "contact_key",
                "account_key",
                "owner_key",
                *STAGE_COLUMNS,
                "current_stage",
                "disqualified_at",
                "recycle_count",
                "nurture_program",
                "path_type",
            ]
        ),
        key("contact_key"),
        foreign_key("contact_key", "core.dim_contact", "contact_key"),
        # visitor -> lead -> mql -> sal -> sql -> opportunity -> customer -> evangelist
        non_decreasing(STAGE_COLUMNS, key=["contact_key"]),
        accepted("current_stage", [*FUNNEL_STAGES, *SIDE_STATES]),
        accepted("path_type", ["fast_track", "through_nurture", "in_nurture", "lead_only"]),
        non_negative("recycle_count"),
        not_in_future(["lead_at", "mql_at", "sql_at", "customer_at"], ["contact_key"]),
        drift(),
    )
