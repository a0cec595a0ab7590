"""attribution.mart_attribution_reconciliation: won revenue = attributed + unattributed.

Per conversion stage, month and model, to the cent; and the closed-won totals equal the
won deals of core.fct_opportunities by month of close (the loop is really closed). The
marketing-only view (mart_attribution_reconciliation_marketing) is checked by the same suite.
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

KEY = ["conversion_stage", "month_start", "attribution_model"]
# New business and an existing customer's expansion and renewal deals (docs/attribution.md).
DEAL_STAGES = ["opportunity", "closed_won", "expansion_opportunity", "expansion_won"]


def build_suite(name: str = "mart_attribution_reconciliation") -> gx.ExpectationSuite:
    return suite(
        name,
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
        accepted("conversion_stage", DEAL_STAGES),
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
            with mart as (
                select month_start, attribution_model,
                       sum(total_amount_usd) as total_amount_usd
                from {{batch}}
                where conversion_stage in ('closed_won', 'expansion_won')
                group by all
            ),
            won as (
                select cast(date_trunc('month', closed_at) as date) as month_start,
                       sum(amount_usd) as won_amount_usd
                from core.fct_opportunities
                where is_won and closed_at is not null
                group by 1
            ),
            models as (select unnest({list(ATTRIBUTION_MODELS)}) as attribution_model)
            select coalesce(mart.month_start, won.month_start) as month_start,
                   coalesce(mart.attribution_model, models.attribution_model)
                       as attribution_model,
                   mart.total_amount_usd, won.won_amount_usd
            from won cross join models
            full join mart
              on mart.month_start = won.month_start
             and mart.attribution_model = models.attribution_model
            where abs(coalesce(mart.total_amount_usd, 0) - coalesce(won.won_amount_usd, 0))
                  >= 0.005
            """,
            "closed_won + expansion_won totals = every won dollar of core.fct_opportunities"
            " by close month",
        ),
        drift(),
    )
