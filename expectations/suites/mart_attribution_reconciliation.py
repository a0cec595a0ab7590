"""attribution.mart_attribution_reconciliation: won revenue = attributed + unattributed.

Per conversion stage, month and model, to the cent; and the closed-won totals equal the
won deals of core.fct_opportunities by month of close (the loop is really closed).
"""

from __future__ import annotations

import great_expectations as gx

from expectations.checks import sql_check
from expectations.suites._common import (
    ATTRIBUTION_MODELS,
    accepted,
    columns,
    drift,
    key,
    non_negative,
    suite,
)

TABLE = "attribution.mart_attribution_reconciliation"

KEY = ["conversion_stage", "period_month", "attribution_model"]


def build_suite() -> gx.ExpectationSuite:
    return suite(
        "mart_attribution_reconciliation",
        columns(
            [
                *KEY,
                "conversions",
                "total_amount_usd",
                "attributed_amount_usd",
                "unattributed_amount_usd",
                "unreconciled_amount_usd",
            ]
        ),
        key(*KEY),
        accepted("conversion_stage", ["opportunity", "closed_won"]),
        accepted("attribution_model", ATTRIBUTION_MODELS),
        non_negative("total_amount_usd", "attributed_amount_usd", "unattributed_amount_usd"),
        sql_check(
            f"""
            select {", ".join(KEY)}, total_amount_usd, attributed_amount_usd,
                   unattributed_amount_usd,
                   round(total_amount_usd - attributed_amount_usd - unattributed_amount_usd, 6)
                       as difference
            from {{batch}}
            where abs(total_amount_usd - attributed_amount_usd - unattributed_amount_usd)
                  >= 0.005
               or abs(coalesce(unreconciled_amount_usd, 0)) >= 0.005
            """,
            "total = attributed + unattributed to the cent (per stage, month, model)",
        ),
        sql_check(
            f"""
            with mart as (select * from {{batch}} where conversion_stage = 'closed_won'),
            won as (
                select cast(date_trunc('month', closed_at) as date) as period_month,
                       sum(amount_usd) as won_amount_usd
                from core.fct_opportunities
                where is_won and closed_at is not null
                group by 1
            ),
            models as (select unnest({list(ATTRIBUTION_MODELS)}) as attribution_model)
            select coalesce(mart.period_month, won.period_month) as period_month,
                   coalesce(mart.attribution_model, models.attribution_model)
                       as attribution_model,
                   mart.total_amount_usd, won.won_amount_usd
            from won cross join models
            full join mart
              on mart.period_month = won.period_month
             and mart.attribution_model = models.attribution_model
            where abs(coalesce(mart.total_amount_usd, 0) - coalesce(won.won_amount_usd, 0))
                  >= 0.005
            """,
            "closed-won totals = won revenue of core.fct_opportunities by close month",
        ),
        drift(),
    )
