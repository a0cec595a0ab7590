"""metrics.mart_stalled_items.

Open leads and deals at the as-of time, days in the current stage against the stage's
norm (metrics.mart_stage_norms): stalled when days in stage > p75 × var
stalled_norm_multiplier and >= var stalled_min_days (the dbt project's vars), never without
a norm.
"""

from __future__ import annotations

import functools

import great_expectations as gx
import yaml

from closedloop.settings import DBT_PROJECT_DIR
from expectations.checks import sql_check
from expectations.suites._common import accepted, period_mart
from expectations.suites.mart_stage_norms import ITEM_TYPES

TABLE = "metrics.mart_stalled_items"

KEY = ["item_type", "item_id"]

# The vars' defaults in macros/metrics/stalled.sql.
DEFAULT_VARS = {"stalled_norm_multiplier": 1.0, "stalled_min_days": 7}


@functools.cache
def stalled_vars() -> dict[str, float]:
    """stalled_norm_multiplier and stalled_min_days as dbt_project.yml sets them."""
    config = yaml.safe_load((DBT_PROJECT_DIR / "dbt_project.yml").read_text()) or {}
    project = config.get("vars") or {}
    return {
        k: float(project.get(k) if project.get(k) is not None else v)
        for k, v in DEFAULT_VARS.items()
    }


def build_suite() -> gx.ExpectationSuite:
    multiplier = stalled_vars()["stalled_norm_multiplier"]
    min_days = stalled_vars()["stalled_min_days"]
    return period_mart(
        "mart_stalled_items",
        KEY,
        required=[
            "contact_key",
            "opportunity_key",
            "owner_key",
            "pipeline_id",
            "stage",
            "snapshot_date",
            "entered_at",
            "is_stalled",
            "last_activity_at",
            "amount_usd",
        ],
        non_negatives=[
            "days_in_stage",
            "days_since_last_activity",
            "norm_completed_stays",
            "norm_median_days",
            "norm_p75_days",
        ],
        extra=[
            accepted("item_type", ITEM_TYPES),
            sql_check(
                "select item_type, item_id, stage, days_in_stage, norm_p75_days, is_stalled"
                " from {batch}"
                " where is_stalled is distinct from coalesce("
                f"days_in_stage > norm_p75_days * {multiplier!r}"
                f" and days_in_stage >= {min_days!r}, false)",
                f"stalled exactly when days in stage > p75 norm × {multiplier:g}"
                f" and >= {min_days:g} days (never without a norm)",
            ),
            sql_check(
                """
                with items as (select * from {batch})
                select items.item_type, items.item_id, items.pipeline_id, items.stage,
                    items.norm_completed_stays, items.norm_median_days, items.norm_p75_days,
                    norms.completed_stays, norms.median_stay_days, norms.p75_stay_days
                from items
                left join metrics.mart_stage_norms as norms
                    on items.item_type = norms.item_type
                    and items.pipeline_id = norms.pipeline_id
                    and items.stage = norms.stage
                where items.norm_completed_stays is distinct from norms.completed_stays
                    or items.norm_median_days is distinct from norms.median_stay_days
                    or items.norm_p75_days is distinct from norms.p75_stay_days
                """,
                "the norm is the stage's row of metrics.mart_stage_norms",
            ),
            sql_check(
                "select item_type, item_id, contact_key, opportunity_key, amount_usd from {batch}"
                " where item_id is distinct from"
                " (case item_type when 'lead' then contact_key else opportunity_key end)"
                " or (item_type = 'lead') <> (opportunity_key is null)"
                " or (item_type = 'lead' and amount_usd is not null)",
                "a lead is its contact (no deal, no amount), a deal its opportunity",
            ),
        ],
    )
