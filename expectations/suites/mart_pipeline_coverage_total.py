"""metrics.mart_pipeline_coverage_total.

The team's pipeline coverage per quarter (Σ pipeline / Σ quota); a ratio (>= 0).
"""

from __future__ import annotations

import great_expectations as gx

from expectations.checks import sql_check
from expectations.suites._common import period_mart

TABLE = "metrics.mart_pipeline_coverage_total"

KEY = ["quarter_start", "pipeline_name"]


def build_suite() -> gx.ExpectationSuite:
    return period_mart(
        "mart_pipeline_coverage_total",
        KEY,
        non_negatives=[
            "open_deals",
            "open_pipeline_usd",
            "weighted_pipeline_usd",
            "quota_usd",
            "pipeline_without_quota_usd",
            "reps_with_quota",
            "coverage_ratio",
            "weighted_coverage_ratio",
        ],
        extra=[
            sql_check(
                "select quarter_start, open_pipeline_usd, pipeline_without_quota_usd from {batch}"
                " where pipeline_without_quota_usd > open_pipeline_usd",
                "pipeline without quota is part of the open pipeline",
            ),
        ],
    )
