"""metrics.mart_funnel_conversion.

Stage-to-stage conversion; cohort rates are fractions (period rates can exceed 1).
"""

from __future__ import annotations

import great_expectations as gx

from expectations.checks import sql_check
from expectations.suites._common import FUNNEL_STAGES, accepted, period_mart

TABLE = "metrics.mart_funnel_conversion"

KEY = [
    "period_grain",
    "period_start",
    "basis",
    "level",
    "dimension",
    "dimension_value",
    "from_stage",
]


def build_suite() -> gx.ExpectationSuite:
    return period_mart(
        "mart_funnel_conversion",
        KEY,
        required=["to_stage"],
        non_negatives=["entered_from", "converted", "conversion_rate"],
        extra=[
            accepted("basis", ["cohort", "period"]),
            accepted("level", ["contact", "account"]),
            accepted("from_stage", FUNNEL_STAGES),
            accepted("to_stage", FUNNEL_STAGES),
            sql_check(
                "select period_grain, period_start, level, dimension, dimension_value, from_stage,"
                " entered_from, converted, conversion_rate from {batch}"
                " where basis = 'cohort' and (conversion_rate > 1 or converted > entered_from)",
                "cohort conversion: converted <= entered_from, rate in [0, 1]",
            ),
        ],
    )
