"""attribution.mart_channel_attribution.

Credited conversions, revenue and spend per month, channel, campaign, model, stage. The
marketing-only view (mart_channel_attribution_marketing) is checked by the same suite.
"""

from __future__ import annotations

import great_expectations as gx

from expectations.suites._common import ATTRIBUTION_MODELS, accepted, period_mart

TABLE = "attribution.mart_channel_attribution"

KEY = ["channel_attribution_id"]


def build_suite(name: str = "mart_channel_attribution") -> gx.ExpectationSuite:
    return period_mart(
        name,
        KEY,
        required=[
            "month_start",
            "channel",
            "campaign_key",
            "attribution_model",
            "conversion_stage",
        ],
        non_negatives=[
            "credited_conversions",
            "credited_amount_usd",
            "spend_usd",
            "roas",
            "cost_per_credited_conversion_usd",
        ],
        extra=[
            accepted("attribution_model", ATTRIBUTION_MODELS),
        ],
    )
