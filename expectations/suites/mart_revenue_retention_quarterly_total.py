"""metrics.mart_revenue_retention_quarterly_total.

ARR retention of all cohorts per quarter: the sums of mart_revenue_retention_quarterly and
the ratios of those sums (GRR a fraction 0-1, NRR a ratio >= 0 and >= GRR).
"""

from __future__ import annotations

import great_expectations as gx

from expectations.checks import sql_check
from expectations.suites.mart_revenue_retention_quarterly import ARR, COUNTS, retention_suite

TABLE = "metrics.mart_revenue_retention_quarterly_total"

KEY = ["quarter_start"]

_SUMMED = [*COUNTS, *ARR]


def build_suite() -> gx.ExpectationSuite:
    differs = " or ".join(f"t.{c} is distinct from c.{c}" for c in _SUMMED)
    return retention_suite(
        "mart_revenue_retention_quarterly_total",
        KEY,
        extra=[
            sql_check(
                f"""
                with total as (select * from {{batch}}),
                cohorts as (
                    select quarter_start, {", ".join(f"sum({c}) as {c}" for c in _SUMMED)}
                    from metrics.mart_revenue_retention_quarterly
                    group by quarter_start
                )
                select coalesce(t.quarter_start, c.quarter_start) as quarter_start,
                    t.start_arr_usd, c.start_arr_usd as cohorts_start_arr_usd,
                    t.end_arr_usd, c.end_arr_usd as cohorts_end_arr_usd,
                    t.customers_at_start, c.customers_at_start as cohorts_customers_at_start
                from total as t
                full join cohorts as c on t.quarter_start = c.quarter_start
                where {differs}
                """,
                "each quarter's counts and ARR = the sums over the cohorts of"
                " metrics.mart_revenue_retention_quarterly (same quarters)",
            ),
        ],
    )
