"""metrics.mart_funnel_stage_entries_weekly.

Period-based first entries per ISO week × stage × slices, as mart_funnel_stage_entries has
them per month: the same entries, so each stage's total equals the months'.
"""

from __future__ import annotations

from collections.abc import Sequence

import great_expectations as gx

from expectations.checks import sql_check
from expectations.suites._common import FUNNEL_STAGES, accepted, period_mart

TABLE = "metrics.mart_funnel_stage_entries_weekly"

KEY = [
    "week_start",
    "stage",
    "first_touch_channel",
    "company_size_band",
    "industry",
    "owner_team",
]

MONTHLY = "metrics.mart_funnel_stage_entries"


def stage_order_check(key: Sequence[str]):
    """stage_order is the stage's place in the canonical funnel (visitor 0 … evangelist 7)."""
    orders = " ".join(f"when '{s}' then {i}" for i, s in enumerate(FUNNEL_STAGES))
    return sql_check(
        f"select {', '.join(key)}, stage_order from {{batch}}"
        f" where stage_order is distinct from (case stage {orders} end)",
        "stage_order is the canonical order of the stage (visitor 0 … evangelist 7)",
    )


def entries_suite(name: str, key: Sequence[str], extra: Sequence = ()) -> gx.ExpectationSuite:
    """The checks of the weekly and quarterly stage entries (key: the period start first)."""
    return period_mart(
        name,
        key,
        required=["stage_order"],
        non_negatives=["entries"],
        extra=[accepted("stage", FUNNEL_STAGES), stage_order_check(key), *extra],
    )


def build_suite() -> gx.ExpectationSuite:
    return entries_suite(
        "mart_funnel_stage_entries_weekly",
        KEY,
        extra=[
            sql_check(
                "select week_start, stage, first_touch_channel from {batch}"
                " where isodow(week_start) <> 1",
                "week_start is a Monday (ISO week)",
            ),
            sql_check(
                f"""
                with weeks as (
                    select stage, sum(entries) as entries from {{batch}} group by stage
                ),
                months as (
                    select stage, sum(entries) as entries from {MONTHLY} group by stage
                )
                select coalesce(w.stage, m.stage) as stage, w.entries as weekly_entries,
                    m.entries as monthly_entries
                from weeks as w
                full join months as m on w.stage = m.stage
                where w.entries is distinct from m.entries
                """,
                f"each stage's entries over all weeks = over all months ({MONTHLY})",
            ),
        ],
    )
