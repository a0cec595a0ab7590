"""metrics.mart_nurture_engagement: email engagement per send month and program."""

from __future__ import annotations

import great_expectations as gx

from expectations.suites._common import period_mart

TABLE = "metrics.mart_nurture_engagement"

KEY = ["month_start", "nurture_program"]


def build_suite() -> gx.ExpectationSuite:
    return period_mart(
        "mart_nurture_engagement",
        KEY,
        fractions=["open_rate", "click_rate", "unsubscribe_rate"],
        non_negatives=["emails_delivered", "unique_human_opens", "unique_clicks", "unsubscribes"],
    )
