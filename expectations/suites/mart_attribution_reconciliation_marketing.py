"""attribution.mart_attribution_reconciliation_marketing: the marketing-only view of the
reconciliation (won revenue = attributed + unattributed, to the cent), the same suite."""

from __future__ import annotations

import great_expectations as gx

from expectations.suites import mart_attribution_reconciliation

TABLE = "attribution.mart_attribution_reconciliation_marketing"


def build_suite() -> gx.ExpectationSuite:
    return mart_attribution_reconciliation.build_suite("mart_attribution_reconciliation_marketing")
