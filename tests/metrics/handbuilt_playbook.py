"""Hand-built inputs of the issue-15 marts (sales feedback; personas, forms and content) for
the shared hand-built warehouse (tests/metrics/handbuilt.py) and their own tests.

FEEDBACK: dim_contact's owner assignment and disqualification reason, and the lifecycle
transitions (handbuilt_stalled extends them for the shared fixture).
"""

from __future__ import annotations

FEEDBACK_DDL = {
    "core.dim_contact": (
        "contact_key varchar, owner_key varchar, original_source varchar, "
        "owner_assigned_at timestamp, disqualification_reason varchar"
    ),
    "core.fct_lifecycle_transitions": (
        "transition_id varchar, contact_key varchar, transition_number integer, "
        "to_stage varchar, to_stage_order integer, transitioned_at timestamp, is_inferred boolean"
    ),
}

FEEDBACK_ROWS = {
    "core.dim_contact": [
        ("hs_p1", "hs_1", "PAID_SEARCH", "2025-01-20 03:30", None),
        ("hs_p2", "hs_2", "ORGANIC_SEARCH", "2025-01-15 00:00", "No budget"),
        ("hs_p3", "hs_1", "PAID_SEARCH", "2025-01-25 00:00", None),
        ("hs_p4", None, None, None, None),
    ],
    "core.fct_lifecycle_transitions": [
        ("x1", "hs_p1", 1, "lead", 1, "2025-01-10", False),
        ("x2", "hs_p1", 2, "mql", 2, "2025-01-20", False),
        ("x3", "hs_p1", 3, "sal", 3, "2025-02-02", False),
        ("x4", "hs_p2", 1, "lead", 1, "2025-01-15", False),
        ("x5", "hs_p2", 2, "mql", 2, "2025-02-05", False),
        ("x6", "hs_p2", 3, "recycled", None, "2025-02-20", False),
        ("x7", "hs_p2", 4, "mql", 2, "2025-03-05", False),
        ("x8", "hs_p2", 5, "disqualified", None, "2025-03-10", False),
        ("x9", "hs_p3", 1, "lead", 1, "2025-01-25", False),
        ("x10", "hs_p3", 2, "sql", 4, "2025-03-01", False),
    ],
}

# The personas marts read these core facts; the shared fixture leaves them empty (their
# hand-worked cases are the dbt unit tests of mart_form_submissions_monthly and
# mart_content_engagement, and tests/metrics/test_personas_truth.py on the demo).
PERSONAS_DDL = {
    "core.fct_form_submissions": (
        "form_submission_key varchar, contact_key varchar, visitor_id varchar, "
        "submitted_at timestamp, form_id varchar, form_type varchar, persona varchar, "
        "stage_at_submission varchar, stage_order_at_submission integer, "
        "submitted_fields varchar[], submitted_field_count integer, new_fields varchar[], "
        "new_field_count integer"
    ),
    "core.fct_content_engagements": (
        "content_engagement_key varchar, content_key varchar, contact_key varchar, "
        "visitor_id varchar, session_id varchar, engaged_at timestamp, content_type varchar, "
        "funnel_stage varchar, persona varchar, stage_at_engagement varchar, "
        "stage_order_at_engagement integer, next_stage varchar, "
        "next_stage_entered_at timestamp, days_to_next_stage integer"
    ),
}

# The shared fixture takes dim_contact from here (the transitions from handbuilt_stalled).
PLAYBOOK_DDL = {"core.dim_contact": FEEDBACK_DDL["core.dim_contact"], **PERSONAS_DDL}
PLAYBOOK_ROWS = {"core.dim_contact": FEEDBACK_ROWS["core.dim_contact"]}
