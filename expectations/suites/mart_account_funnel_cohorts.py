"""metrics.mart_account_funnel_cohorts.

Account-level cohort conversion; one row per month x stage x slices.
Counts are non-negative, converted <= entered, the rate a fraction in [0, 1].
"""

from __future__ import annotations

import great_expectations as gx

from expectations.suites.mart_funnel_cohorts import KEY, cohort_suite

TABLE = "metrics.mart_account_funnel_cohorts"


def build_suite() -> gx.ExpectationSuite:
    return cohort_suite("mart_account_funnel_cohorts", KEY)
