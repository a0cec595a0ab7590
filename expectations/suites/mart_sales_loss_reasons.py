"""metrics.mart_sales_loss_reasons.

Lost deals and their USD amount per close month × slice × loss reason (additive).
"""

from __future__ import annotations

import great_expectations as gx

from expectations.suites._common import period_mart

TABLE = "metrics.mart_sales_loss_reasons"

KEY = [
    "month_start",
    "owner_key",
    "owner_team",
    "company_size_band",
    "industry",
    "source_channel",
    "loss_reason",
]


def build_suite() -> gx.ExpectationSuite:
    return period_mart(
        "mart_sales_loss_reasons",
        KEY,
        non_negatives=["lost_deals", "lost_amount_usd"],
    )
