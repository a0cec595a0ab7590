"""metrics.mart_funnel_stage_entries_quarterly.

Period-based first entries per quarter × stage × slices: the sums of
mart_funnel_stage_entries' months of the quarter.
"""

from __future__ import annotations

import great_expectations as gx

from expectations.checks import sql_check
from expectations.suites.mart_funnel_stage_entries_weekly import MONTHLY, entries_suite

TABLE = "metrics.mart_funnel_stage_entries_quarterly"

KEY = [
    "quarter_start",
    "stage",
    "first_touch_channel",
    "company_size_band",
    "industry",
    "owner_team",
]

_SLICES = ", ".join(KEY[1:])


def build_suite() -> gx.ExpectationSuite:
    return entries_suite(
        "mart_funnel_stage_entries_quarterly",
        KEY,
        extra=[
            sql_check(
                f"""
                with quarters as (select * from {{batch}}),
                months as (
                    select cast(date_trunc('quarter', month_start) as date) as quarter_start,
                        {_SLICES}, sum(entries) as entries
                    from {MONTHLY}
                    group by all
                )
                select coalesce(q.quarter_start, m.quarter_start) as quarter_start,
                    coalesce(q.stage, m.stage) as stage,
                    coalesce(q.first_touch_channel, m.first_touch_channel) as first_touch_channel,
                    coalesce(q.company_size_band, m.company_size_band) as company_size_band,
                    coalesce(q.industry, m.industry) as industry,
                    coalesce(q.owner_team, m.owner_team) as owner_team,
                    q.entries as quarterly_entries, m.entries as monthly_entries
                from quarters as q
                full join months as m using (quarter_start, {_SLICES})
                where q.entries is distinct from m.entries
                """,
                f"each quarter × stage × slice = the sum of its months in {MONTHLY}",
            ),
        ],
    )
