"""metrics.mart_deal_prerequisites.

Deals past their pipeline's BANT check stage without a confirmed budget or authority (open,
or won unqualified): the missing flags, their count (1-4) and list agree.
"""

from __future__ import annotations

import great_expectations as gx

from expectations.checks import foreign_key, sql_check
from expectations.suites._common import period_mart

TABLE = "metrics.mart_deal_prerequisites"

KEY = ["opportunity_key"]

BANT = ("budget", "authority", "need", "timeline")
_FLAGS = [f"missing_{item}" for item in BANT]


def build_suite() -> gx.ExpectationSuite:
    count = " + ".join(f"cast({flag} as integer)" for flag in _FLAGS)
    listed = ", ".join(f"case when missing_{item} then '{item}' end" for item in BANT)
    return period_mart(
        "mart_deal_prerequisites",
        KEY,
        required=[
            "owner_key",
            "pipeline_id",
            "stage",
            "is_open",
            "snapshot_date",
            *_FLAGS,
            "missing_prerequisites",
        ],
        non_negatives=["missing_prerequisite_count", "amount_usd"],
        extra=[
            sql_check(
                f"select opportunity_key, stage, is_open, {', '.join(_FLAGS)},"
                " missing_prerequisites, missing_prerequisite_count from {batch}"
                " where not (missing_budget or missing_authority)"
                f" or missing_prerequisite_count <> {count}"
                f" or missing_prerequisites <> concat_ws(', ', {listed})"
                " or (not is_open and stage <> 'closed_won')",
                "budget or authority missing; count and list = the missing flags;"
                " a deal not open is won (closed_won)",
            ),
            foreign_key("opportunity_key", "core.fct_opportunities", "opportunity_key"),
        ],
    )
