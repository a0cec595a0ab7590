"""metrics.mart_sales_performance.

One row per close month × deal type × rep × team × size band × industry × source channel;
win_rate is a fraction of the row's own counts.
"""

from __future__ import annotations

import great_expectations as gx

from expectations.checks import sql_check
from expectations.suites._common import period_mart

TABLE = "metrics.mart_sales_performance"

KEY = [
    "month_start",
    "deal_type",
    "owner_key",
    "owner_team",
    "company_size_band",
    "industry",
    "source_channel",
]


def build_suite() -> gx.ExpectationSuite:
    return period_mart(
        "mart_sales_performance",
        KEY,
        fractions=["win_rate"],
        non_negatives=[
            "closed_deals",
            "won_deals",
            "lost_deals",
            "won_revenue_usd",
            "avg_deal_size_usd",
            "won_sales_cycle_days_total",
            "avg_sales_cycle_days",
        ],
        extra=[
            sql_check(
                f"select {', '.join(KEY)}, closed_deals, won_deals, lost_deals from {{batch}}"
                " where won_deals + lost_deals <> closed_deals",
                "closed deals = won + lost",
            ),
        ],
    )
