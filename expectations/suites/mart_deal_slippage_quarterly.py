"""metrics.mart_deal_slippage_quarterly.

Commit-based deal slippage per quarter and rep; slippage_rate is a fraction (0-1).
"""

from __future__ import annotations

import great_expectations as gx

from expectations.checks import sql_check
from expectations.suites._common import period_mart

TABLE = "metrics.mart_deal_slippage_quarterly"

KEY = ["quarter_start", "owner_key"]


def slippage_suite(name: str, key: list[str]) -> gx.ExpectationSuite:
    """The checks of mart_deal_slippage_quarterly and of its _total (same columns, no rep)."""
    return period_mart(
        name,
        key,
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
                f"select {', '.join(key)}, deals_expected, deals_won_in_quarter, deals_slipped,"
                " deals_lost, deals_pushed, deals_not_closed from {batch}"
                " where deals_won_in_quarter + deals_slipped <> deals_expected"
                " or deals_lost + deals_pushed + deals_not_closed <> deals_slipped",
                "expected = won + slipped; slipped = lost + pushed + not closed",
            ),
        ],
    )


def build_suite() -> gx.ExpectationSuite:
    return slippage_suite("mart_deal_slippage_quarterly", KEY)
