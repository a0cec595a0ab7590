"""attribution.mart_channel_attribution_marketing: the marketing-only view of
mart_channel_attribution, checked by the same suite."""

from __future__ import annotations

import great_expectations as gx

from expectations.suites import mart_channel_attribution

TABLE = "attribution.mart_channel_attribution_marketing"


def build_suite() -> gx.ExpectationSuite:
    return mart_channel_attribution.build_suite("mart_channel_attribution_marketing")
