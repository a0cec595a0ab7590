"""metrics.mart_deal_slippage_quarterly_total.

Commit-based deal slippage of the team per quarter; slippage_rate is a fraction (0-1).
"""

from __future__ import annotations

import great_expectations as gx

from expectations.suites.mart_deal_slippage_quarterly import slippage_suite

TABLE = "metrics.mart_deal_slippage_quarterly_total"

KEY = ["quarter_start"]


def build_suite() -> gx.ExpectationSuite:
    return slippage_suite("mart_deal_slippage_quarterly_total", KEY)
