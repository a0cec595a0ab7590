"""metrics.mart_funnel_cohorts.

Contact-level cohort conversion (visitor stage: visitor ids); one row per month x stage x slices.
Counts are non-negative, converted <= entered, the rate a fraction in [0, 1].
"""

from __future__ import annotations

import great_expectations as gx

from expectations.checks import sql_check
from expectations.suites._common import FUNNEL_STAGES, accepted, period_mart

TABLE = "metrics.mart_funnel_cohorts"

KEY = [
    "month_start",
    "from_stage",
    "first_touch_channel",
    "company_size_band",
    "industry",
    "owner_team",
]


def cohort_suite(name: str, key: list[str]) -> gx.ExpectationSuite:
    """The checks of mart_funnel_cohorts and of mart_account_funnel_cohorts (accounts)."""
    return period_mart(
        name,
        key,
        required=["to_stage", "from_stage_order"],
        fractions=["conversion_rate"],
        non_negatives=["entered_from_stage", "converted_to_next_stage"],
        extra=[
            accepted("from_stage", FUNNEL_STAGES),
            accepted("to_stage", FUNNEL_STAGES),
            sql_check(
                "select * from {batch} where converted_to_next_stage > entered_from_stage",
                "cohort conversion: converted_to_next_stage <= entered_from_stage",
            ),
        ],
    )


def build_suite() -> gx.ExpectationSuite:
    return cohort_suite("mart_funnel_cohorts", KEY)
