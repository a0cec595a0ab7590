"""metrics.mart_nurture: Nurture vs matched control per program and matching cell."""

from __future__ import annotations

import great_expectations as gx

from expectations.suites._common import period_mart

TABLE = "metrics.mart_nurture"

KEY = ["nurture_program", "entry_month_start", "score_band_at_entry", "stage_at_entry"]


def build_suite() -> gx.ExpectationSuite:
    return period_mart(
        "mart_nurture",
        KEY,
        fractions=[
            "nurtured_mql_rate",
            "control_mql_rate",
            "nurtured_sql_rate",
            "control_sql_rate",
        ],
        non_negatives=[
            "nurtured_leads",
            "nurtured_mql_after_entry",
            "control_leads",
            "matched_nurtured_leads",
            "expected_mql_after_entry",
            "expected_sql_after_entry",
        ],
    )
