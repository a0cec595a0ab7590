"""metrics.mart_marketing_roi: ROAS / ROMI per month, channel, campaign and model.

Spend and ROAS are never negative.
"""

from __future__ import annotations

import great_expectations as gx

from expectations.suites._common import ATTRIBUTION_MODELS, accepted, period_mart

TABLE = "metrics.mart_marketing_roi"

KEY = ["month_start", "channel", "campaign_key", "attribution_model"]


def build_suite() -> gx.ExpectationSuite:
    return period_mart(
        "mart_marketing_roi",
        KEY,
        non_negatives=["attributed_revenue_usd", "ad_spend_usd", "marketing_cost_usd", "roas"],
        extra=[accepted("attribution_model", ATTRIBUTION_MODELS)],
    )
