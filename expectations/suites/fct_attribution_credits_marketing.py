"""attribution.fct_attribution_credits_marketing: the marketing-only view of the credits.

The default view's suite (fct_attribution_credits), plus: no sales activity (a call or a
meeting logged by a rep, channel `sales`) earns credit.
"""

from __future__ import annotations

import great_expectations as gx

from expectations.checks import sql_check
from expectations.suites import fct_attribution_credits

TABLE = "attribution.fct_attribution_credits_marketing"


def build_suite() -> gx.ExpectationSuite:
    return fct_attribution_credits.build_suite(
        "fct_attribution_credits_marketing",
        sql_check(
            """
            select credit_id, touch_type, channel from {batch}
            where touch_type in ('sales_call', 'sales_meeting') or channel = 'sales'
            """,
            "the marketing-only view credits no sales activity",
        ),
    )
