"""metrics.mart_stage_norms.

How long items usually stay per item type × pipeline × stage: counts and days >= 0, the
median at most the p75, both NULL exactly when the stage has no completed stay.
"""

from __future__ import annotations

import great_expectations as gx

from expectations.checks import sql_check
from expectations.suites._common import accepted, period_mart

TABLE = "metrics.mart_stage_norms"

KEY = ["item_type", "pipeline_id", "stage"]

ITEM_TYPES = ("lead", "deal")
LEAD_STAGES = ("mql", "sal", "sql")


def build_suite() -> gx.ExpectationSuite:
    return period_mart(
        "mart_stage_norms",
        KEY,
        required=["stage_order", "snapshot_date"],
        non_negatives=["completed_stays", "median_stay_days", "p75_stay_days", "open_items"],
        extra=[
            accepted("item_type", ITEM_TYPES),
            sql_check(
                "select item_type, pipeline_id, stage, completed_stays, median_stay_days,"
                " p75_stay_days from {batch}"
                " where median_stay_days > p75_stay_days + 1e-9"
                " or (completed_stays = 0) <> (median_stay_days is null)"
                " or (completed_stays = 0) <> (p75_stay_days is null)",
                "median <= p75 stay; both NULL exactly when there is no completed stay",
            ),
            sql_check(
                "select item_type, pipeline_id, stage from {batch}"
                " where item_type = 'lead'"
                f" and (pipeline_id <> '(all)' or stage not in {LEAD_STAGES!r})",
                "lead norms are for mql, sal and sql in pipeline '(all)'",
            ),
        ],
    )
