"""core.fct_opportunities: one row per deal; amounts never negative, outcome consistent."""

from __future__ import annotations

import great_expectations as gx

from expectations.checks import WARNING, foreign_key, sql_check
from expectations.suites._common import (
    accepted,
    columns,
    drift,
    key,
    non_negative,
    not_in_future,
    not_null,
    suite,
)

TABLE = "core.fct_opportunities"


def build_suite() -> gx.ExpectationSuite:
    return suite(
        "fct_opportunities",
        columns(
            [
                "opportunity_key",
                "account_key",
                "owner_key",
                "amount",
                "currency",
                "amount_usd",
                "created_at",
                "closed_at",
                "is_closed",
                "is_won",
                "outcome",
            ]
        ),
        key("opportunity_key"),
        not_null("account_key", "created_at", "outcome"),
        foreign_key("account_key", "core.dim_account", "account_key"),
        non_negative("amount", "amount_usd"),
        accepted("outcome", ["won", "lost", "open"]),
        sql_check(
            "select opportunity_key, outcome, is_won, is_closed from {batch}"
            " where (outcome = 'won') is distinct from is_won"
            " or (outcome <> 'open') is distinct from is_closed",
            "outcome agrees with is_won / is_closed",
        ),
        not_in_future(["created_at", "closed_at"], ["opportunity_key"]),
        sql_check(
            "select opportunity_key, created_at, closed_at from {batch}"
            " where closed_at < created_at",
            "closed_at not before created_at",
            WARNING,
        ),
        drift(),
    )
