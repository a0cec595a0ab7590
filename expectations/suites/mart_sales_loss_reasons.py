"""metrics.mart_sales_loss_reasons.

Lost deals per loss reason; share_of_lost_deals is a fraction.
"""

from __future__ import annotations

import great_expectations as gx

from expectations.suites._common import period_mart

TABLE = "metrics.mart_sales_loss_reasons"

KEY = ["period_grain", "period_start", "dimension", "dimension_value", "loss_reason"]


def build_suite() -> gx.ExpectationSuite:
    return period_mart(
        "mart_sales_loss_reasons",
        KEY,
        fractions=["share_of_lost_deals"],
        non_negatives=["lost_deals", "lost_amount_usd"],
    )
