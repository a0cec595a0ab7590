"""metrics.mart_form_submissions_monthly.

Form submissions and progressive profiling per month × form × persona × stage: counts
nest (anonymous and known contacts within the submissions), one form type per form.
"""

from __future__ import annotations

import great_expectations as gx

from expectations.checks import sql_check
from expectations.suites._common import FUNNEL_STAGES, accepted, period_mart

TABLE = "metrics.mart_form_submissions_monthly"

KEY = ["month_start", "form_id", "form_type", "persona", "stage_at_submission"]

ANONYMOUS = "(anonymous)"

COUNTS = [
    "submissions",
    "contacts",
    "anonymous_submissions",
    "new_fields_given",
    "submissions_adding_fields",
]


def build_suite() -> gx.ExpectationSuite:
    return period_mart(
        "mart_form_submissions_monthly",
        KEY,
        non_negatives=COUNTS,
        extra=[
            accepted("stage_at_submission", [*FUNNEL_STAGES, ANONYMOUS]),
            sql_check(
                f"select {', '.join([*KEY, *COUNTS])} from {{batch}}"
                " where submissions < 1 or anonymous_submissions > submissions"
                " or contacts > submissions - anonymous_submissions"
                " or submissions_adding_fields > submissions"
                " or new_fields_given < submissions_adding_fields",
                "submissions >= 1; anonymous <= submissions; known contacts <= known"
                " submissions; submissions adding fields <= submissions and <= fields given",
            ),
            sql_check(
                "select form_id, count(distinct form_type) as form_types,"
                " string_agg(distinct form_type, ', ') as types from {batch}"
                " group by form_id having count(distinct form_type) > 1",
                "one form_type per form_id",
            ),
        ],
    )
