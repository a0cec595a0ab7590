"""metrics.mart_romi: ROMI per month and attribution model; reasons for a NULL incremental ROMI."""

from __future__ import annotations

import great_expectations as gx

from expectations.suites._common import ATTRIBUTION_MODELS, accepted, period_mart

TABLE = "metrics.mart_romi"

KEY = ["month_start", "attribution_model"]


def build_suite() -> gx.ExpectationSuite:
    return period_mart(
        "mart_romi",
        KEY,
        non_negatives=["attributed_revenue_usd", "ad_spend_usd", "marketing_cost_usd", "roas"],
        extra=[
            accepted("attribution_model", ATTRIBUTION_MODELS),
            accepted(
                "incremental_romi_null_reason",
                ["no previous period", "no budget change", "budget change below threshold"],
            ),
        ],
    )
