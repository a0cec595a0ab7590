"""metrics.mart_revenue_retention_quarterly.

ARR retention per acquisition cohort × quarter: the ARR bridge (end = start + expansion −
contraction − churned), gross revenue retention a fraction (0-1), net revenue retention a
ratio (>= 0, may exceed 1) and never below GRR.
"""

from __future__ import annotations

from collections.abc import Sequence

import great_expectations as gx

from expectations.checks import sql_check
from expectations.suites._common import period_mart

TABLE = "metrics.mart_revenue_retention_quarterly"

KEY = ["cohort_quarter_start", "quarter_start"]

ARR = [
    "start_arr_usd",
    "expansion_arr_usd",
    "contraction_arr_usd",
    "churned_arr_usd",
    "end_arr_usd",
    "gross_lost_arr_usd",
]
COUNTS = ["customers_at_start", "churned_customers"]
RATIOS = ["net_revenue_retention", "gross_revenue_retention_rate"]


def retention_suite(name: str, key: Sequence[str], extra: Sequence = ()) -> gx.ExpectationSuite:
    """The checks of mart_revenue_retention_quarterly and of its _total (no cohort)."""
    shown = ", ".join([*key, *ARR])
    return period_mart(
        name,
        key,
        required=["quarter_end", "is_complete_quarter"],
        fractions=["gross_revenue_retention_rate"],
        non_negatives=[*COUNTS, *ARR, "net_revenue_retention"],
        extra=[
            sql_check(
                f"select {shown} from {{batch}}"
                " where abs(end_arr_usd - (start_arr_usd + expansion_arr_usd"
                " - contraction_arr_usd - churned_arr_usd)) >= 0.005",
                "end ARR = start + expansion − contraction − churned (to the cent)",
            ),
            sql_check(
                f"select {shown}, {', '.join([*COUNTS, *RATIOS])} from {{batch}}"
                " where gross_lost_arr_usd > start_arr_usd + 0.005"
                " or gross_lost_arr_usd > contraction_arr_usd + churned_arr_usd + 0.005"
                " or churned_customers > customers_at_start"
                " or net_revenue_retention < gross_revenue_retention_rate - 1e-9",
                "gross lost <= start ARR and <= contraction + churned;"
                " churned customers <= customers at start; NRR >= GRR",
            ),
            sql_check(
                f"select {', '.join(key)}, start_arr_usd, end_arr_usd, gross_lost_arr_usd,"
                f" {', '.join(RATIOS)} from {{batch}}"
                " where (start_arr_usd = 0) <> (net_revenue_retention is null)"
                " or (start_arr_usd = 0) <> (gross_revenue_retention_rate is null)"
                " or abs(net_revenue_retention - end_arr_usd / start_arr_usd) > 1e-9"
                " or abs(gross_revenue_retention_rate"
                " - (start_arr_usd - gross_lost_arr_usd) / start_arr_usd) > 1e-9",
                "NRR = end / start ARR, GRR = (start − gross lost) / start ARR;"
                " NULL exactly when the start ARR is 0",
            ),
            *extra,
        ],
    )


def build_suite() -> gx.ExpectationSuite:
    return retention_suite(
        "mart_revenue_retention_quarterly",
        KEY,
        extra=[
            sql_check(
                "select cohort_quarter_start, quarter_start from {batch}"
                " where cohort_quarter_start >= quarter_start",
                "the cohort quarter is before the quarter measured",
            ),
        ],
    )
