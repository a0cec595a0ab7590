"""core.fct_touchpoints: one row per touch; every touch has a channel known to dim_channel."""

from __future__ import annotations

import great_expectations as gx

from expectations.checks import foreign_key
from expectations.suites._common import (
    accepted,
    columns,
    drift,
    key,
    not_in_future,
    not_null,
    suite,
)

TABLE = "core.fct_touchpoints"

TOUCH_TYPES = [
    "ad_click",
    "web_session",
    "event_attendance",
    "form_submission",
    "email_click",
    "email_open",
    "sales_call",
    "sales_meeting",
]


def build_suite() -> gx.ExpectationSuite:
    return suite(
        "fct_touchpoints",
        columns(
            [
                "touchpoint_id",
                "contact_key",
                "account_key",
                "touched_at",
                "touch_type",
                "channel",
                "campaign_key",
                "source_system",
            ]
        ),
        key("touchpoint_id"),
        not_null("channel", "touched_at", "touch_type"),
        foreign_key("channel", "core.dim_channel", "channel"),
        accepted("touch_type", TOUCH_TYPES),
        not_in_future(["touched_at"], ["touchpoint_id"]),
        drift(),
    )
