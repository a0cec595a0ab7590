"""metrics.mart_deal_slippage: Deal slippage; slippage_rate_pct is a percentage (0-100)."""

from __future__ import annotations

import great_expectations as gx

from expectations.suites._common import period_mart

TABLE = "metrics.mart_deal_slippage"

KEY = ["period_grain", "period_start", "owner_key"]


def build_suite() -> gx.ExpectationSuite:
    return period_mart(
        "mart_deal_slippage",
        KEY,
        percents=["slippage_rate_pct"],
        non_negatives=[
            "deals_expected",
            "deals_won_in_period",
            "deals_slipped",
            "expected_amount_usd",
            "slipped_amount_usd",
        ],
    )
