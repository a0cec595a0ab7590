"""metrics.mart_content_engagement.

Page views of content per piece × persona × stage: known contacts within the views, those
reaching their next stage within the contacts; the conversion rate a fraction (0-1).
"""

from __future__ import annotations

import great_expectations as gx

from expectations.checks import sql_check
from expectations.suites._common import FUNNEL_STAGES, accepted, period_mart
from expectations.suites.mart_form_submissions_monthly import ANONYMOUS

TABLE = "metrics.mart_content_engagement"

KEY = ["content_key", "persona", "stage_at_engagement"]

COUNTS = ["engagements", "anonymous_engagements", "engaged_contacts", "next_stage_contacts"]


def build_suite() -> gx.ExpectationSuite:
    return period_mart(
        "mart_content_engagement",
        KEY,
        required=["content_type", "funnel_stage"],
        fractions=["next_stage_conversion_rate"],
        non_negatives=COUNTS,
        extra=[
            accepted("stage_at_engagement", [*FUNNEL_STAGES, ANONYMOUS]),
            sql_check(
                f"select {', '.join([*KEY, *COUNTS])} from {{batch}}"
                " where engagements < 1 or anonymous_engagements > engagements"
                " or engaged_contacts > engagements - anonymous_engagements"
                " or next_stage_contacts > engaged_contacts",
                "engagements >= 1; anonymous <= engagements; engaged contacts <= known views;"
                " next-stage contacts <= engaged contacts",
            ),
            sql_check(
                f"select {', '.join(KEY)}, engaged_contacts, next_stage_contacts,"
                " next_stage_conversion_rate from {batch}"
                " where (next_stage_conversion_rate is null)"
                f" <> (engaged_contacts = 0 or stage_at_engagement = '{FUNNEL_STAGES[-1]}')"
                " or abs(next_stage_conversion_rate"
                " - next_stage_contacts / engaged_contacts) > 1e-9",
                "conversion rate = next-stage / engaged contacts; NULL without contacts"
                " or at the last stage",
            ),
        ],
    )
