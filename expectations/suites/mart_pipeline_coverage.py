"""metrics.mart_pipeline_coverage.

Pipeline coverage per quarter, rep and pipeline; coverage is a ratio (>= 0, may exceed 1).
"""

from __future__ import annotations

import great_expectations as gx

from expectations.suites._common import period_mart

TABLE = "metrics.mart_pipeline_coverage"

KEY = ["quarter_start", "owner_key", "pipeline_name"]


def build_suite() -> gx.ExpectationSuite:
    return period_mart(
        "mart_pipeline_coverage",
        KEY,
        non_negatives=[
            "open_deals",
            "open_pipeline_usd",
            "weighted_pipeline_usd",
            "quota_usd",
            "pipeline_without_quota_usd",
            "coverage_ratio",
            "weighted_coverage_ratio",
            "rep_open_pipeline_usd",
            "pipeline_coverage_ratio",
        ],
    )
