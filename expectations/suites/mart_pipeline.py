"""metrics.mart_pipeline.

Open pipeline by expected close month × rep × deal stage; stage_probability is a fraction.
"""

from __future__ import annotations

import great_expectations as gx

from expectations.suites._common import period_mart

TABLE = "metrics.mart_pipeline"

KEY = ["month_start", "owner_key", "pipeline_name", "deal_stage_id"]


def build_suite() -> gx.ExpectationSuite:
    return period_mart(
        "mart_pipeline",
        KEY,
        fractions=["stage_probability"],
        non_negatives=["open_deals", "open_amount_usd", "weighted_amount_usd"],
    )
