"""metrics.mart_deal_slippage_quarterly_total.

Commit-based deal slippage of the team per quarter; slippage_rate is a fraction (0-1).
"""

from __future__ import annotations

import great_expectations as gx

from expectations.checks import sql_check
from expectations.suites._common import period_mart

TABLE = "metrics.mart_deal_slippage_quarterly_total"

KEY = ["quarter_start"]


def build_suite() -> gx.ExpectationSuite:
    return period_mart(
        "mart_deal_slippage_quarterly_total",
        KEY,
        fractions=["slippage_rate"],
        non_negatives=[
            "deals_expected",
            "deals_won_in_quarter",
            "deals_slipped",
            "deals_lost",
            "deals_pushed",
            "deals_not_closed",
            "expected_amount_usd",
            "slipped_amount_usd",
        ],
        extra=[
            sql_check(
                f"select {', '.join(KEY)}, deals_expected, deals_won_in_quarter, deals_slipped,"
                " deals_lost, deals_pushed, deals_not_closed from {batch}"
                " where deals_won_in_quarter + deals_slipped <> deals_expected"
                " or deals_lost + deals_pushed + deals_not_closed <> deals_slipped",
                "expected = won + slipped; slipped = lost + pushed + not closed",
            ),
        ],
    )
