"""metrics.mart_stalled_owner_summary.

Open and stalled items per owner × item type, from metrics.mart_stalled_items;
stalled_share is a fraction (0-1), stalled <= open in count and USD.
"""

from __future__ import annotations

import great_expectations as gx

from expectations.checks import sql_check
from expectations.suites._common import accepted, period_mart
from expectations.suites.mart_stage_norms import ITEM_TYPES

TABLE = "metrics.mart_stalled_owner_summary"

KEY = ["owner_key", "item_type"]


def build_suite() -> gx.ExpectationSuite:
    return period_mart(
        "mart_stalled_owner_summary",
        KEY,
        required=["owner_name", "owner_team", "snapshot_date"],
        fractions=["stalled_share"],
        non_negatives=[
            "open_items",
            "stalled_items",
            "open_amount_usd",
            "stalled_amount_usd",
            "oldest_stalled_days",
        ],
        extra=[
            accepted("item_type", ITEM_TYPES),
            sql_check(
                "select owner_key, item_type, open_items, stalled_items, stalled_share,"
                " open_amount_usd, stalled_amount_usd, oldest_stalled_days from {batch}"
                " where open_items < 1 or stalled_items > open_items"
                " or abs(stalled_share - stalled_items / open_items) > 1e-9"
                " or stalled_amount_usd > open_amount_usd"
                " or (stalled_items = 0) <> (oldest_stalled_days is null)",
                "open items >= 1; stalled <= open (count and USD);"
                " stalled_share = stalled / open; an oldest stalled age only with stalled items",
            ),
            sql_check(
                """
                with summary as (select * from {batch}),
                items as (
                    select owner_key, item_type, count(*) as open_items,
                        count(*) filter (where is_stalled) as stalled_items
                    from metrics.mart_stalled_items
                    group by owner_key, item_type
                )
                select coalesce(s.owner_key, i.owner_key) as owner_key,
                    coalesce(s.item_type, i.item_type) as item_type,
                    s.open_items, i.open_items as items_open, s.stalled_items,
                    i.stalled_items as items_stalled
                from summary as s
                full join items as i
                    on s.owner_key = i.owner_key and s.item_type = i.item_type
                where s.open_items is distinct from i.open_items
                    or s.stalled_items is distinct from i.stalled_items
                """,
                "open and stalled items = the counts of metrics.mart_stalled_items per owner"
                " and item type",
            ),
        ],
    )
