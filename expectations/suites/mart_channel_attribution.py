"""attribution.mart_channel_attribution.

Credited conversions, revenue and spend per month, channel, campaign, model, stage.
"""

from __future__ import annotations

import great_expectations as gx

from expectations.suites._common import ATTRIBUTION_MODELS, accepted, period_mart

TABLE = "attribution.mart_channel_attribution"

KEY = ["channel_attribution_id"]


def build_suite() -> gx.ExpectationSuite:
    return period_mart(
        "mart_channel_attribution",
        KEY,
        required=["period_month", "channel", "attribution_model", "conversion_stage"],
        non_negatives=["credited_conversions", "credited_amount_usd", "spend_usd", "roas"],
        extra=[
            accepted("attribution_model", ATTRIBUTION_MODELS),
        ],
    )
