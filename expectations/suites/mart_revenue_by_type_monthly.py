"""metrics.mart_revenue_by_type_monthly.

Won revenue per close month × deal type × pipeline: counts and USD add up; the average deal
size is the row's own (won_amount_usd / won_deals).
"""

from __future__ import annotations

import great_expectations as gx

from expectations.checks import sql_check, totals_match
from expectations.suites._common import accepted, period_mart

TABLE = "metrics.mart_revenue_by_type_monthly"

KEY = ["month_start", "deal_type", "pipeline_name"]

DEAL_TYPES = ("new_business", "expansion", "renewal")


def build_suite() -> gx.ExpectationSuite:
    return period_mart(
        "mart_revenue_by_type_monthly",
        KEY,
        non_negatives=[
            "won_deals",
            "won_amount_usd",
            "new_customers",
            "reactivated_customers",
            "avg_deal_size_usd",
        ],
        extra=[
            accepted("deal_type", DEAL_TYPES),
            sql_check(
                "select month_start, deal_type, pipeline_name, won_deals, won_amount_usd,"
                " new_customers, reactivated_customers, avg_deal_size_usd from {batch}"
                " where won_deals < 1"
                " or new_customers + reactivated_customers > won_deals"
                " or abs(avg_deal_size_usd - won_amount_usd / won_deals) >= 0.005",
                "a row has a won deal; new + reactivated customers <= won deals;"
                " avg deal size = won USD / won deals (to the cent)",
            ),
            totals_match(
                "(select sum(won_amount_usd) from {batch})",
                "(select sum(o.amount_usd) from core.fct_opportunities as o"
                " cross join core.dim_snapshot_date as s"
                " where o.is_won and cast(o.closed_at as date) <= s.snapshot_date)",
                description="won USD = Σ amount_usd of core.fct_opportunities' deals won"
                " up to the snapshot date (to the cent)",
            ),
        ],
    )
