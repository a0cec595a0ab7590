"""attribution.fct_attribution_credits: weights sum to 1 per conversion and model.

The marketing-only view (fct_attribution_credits_marketing) is checked by the same suite,
plus: no sales activity earns credit there.
"""

from __future__ import annotations

import great_expectations as gx

from expectations.checks import sums_to_one
from expectations.suites._common import (
    ATTRIBUTION_MODELS,
    accepted,
    columns,
    drift,
    fraction,
    key,
    non_negative,
    not_null,
    suite,
)

TABLE = "attribution.fct_attribution_credits"


def build_suite(name: str = "fct_attribution_credits", *extra) -> gx.ExpectationSuite:
    return suite(
        name,
        columns(
            [
                "credit_id",
                "conversion_id",
                "conversion_stage",
                "touchpoint_id",
                "touch_type",
                "channel",
                "attribution_model",
                "attribution_weight",
                "touch_role",
                "credited_amount_usd",
            ]
        ),
        key("credit_id"),
        not_null("conversion_id", "touchpoint_id", "attribution_model", "attribution_weight"),
        accepted("attribution_model", ATTRIBUTION_MODELS),
        accepted(
            "conversion_stage",
            ["lead", "mql", "sql", "opportunity", "closed_won", "expansion_opportunity"]
            + ["expansion_won"],
        ),
        accepted(
            "touch_role",
            ["first", "lead_creation", "opportunity_creation", "closed_won", "last", "middle"],
        ),
        fraction("attribution_weight"),
        non_negative("credited_amount_usd"),
        sums_to_one("attribution_weight", ["conversion_id", "attribution_model"], 1e-9),
        *extra,
        drift(),
    )
