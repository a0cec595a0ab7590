"""metrics.mart_goal_attainment_monthly.

Goals against actuals per month × metric × segment × team × rep: attainment = actual /
target and the run-rate projection, both ratios >= 0 that may exceed 1 (not fractions).
"""

from __future__ import annotations

import great_expectations as gx

from expectations.checks import sql_check
from expectations.suites._common import accepted, period_mart

TABLE = "metrics.mart_goal_attainment_monthly"

KEY = ["month_start", "metric", "segment", "team", "owner_key"]

METRICS = ("visitors", "leads", "mqls", "sqls", "opportunities", "customers", "revenue")
# Ratios are compared to a relative 1e-9 (revenue targets run to millions).
_CLOSE = "abs({a} - ({b})) > 1e-9 * greatest(1, abs({b}))"


def goal_suite(name: str, key: list[str]) -> gx.ExpectationSuite:
    """The checks of mart_goal_attainment_weekly, _monthly and _quarterly (the key starts
    with the period's first day, `<period>_start`; `<period>_end` is its last)."""
    start = key[0]
    end = start.removesuffix("_start") + "_end"
    shown = ", ".join([*key, "target_value", "actual_value", "attainment"])
    attainment = _CLOSE.format(a="attainment", b="actual_value / target_value")
    projected = _CLOSE.format(a="projected_attainment", b="projected_value / target_value")
    run_rate = _CLOSE.format(a="projected_value", b="actual_value / elapsed_days * total_days")
    completed = _CLOSE.format(a="projected_value", b="actual_value")
    return period_mart(
        name,
        key,
        required=[end, "is_current_period", "as_of_date", "is_target_prorated"],
        non_negatives=[
            "target_value",
            "actual_value",
            "attainment",
            "projected_value",
            "projected_attainment",
            "elapsed_days",
            "total_days",
        ],
        extra=[
            accepted("metric", METRICS),
            sql_check(
                f"select {shown}, projected_value, projected_attainment from {{batch}}"
                " where (attainment is null)"
                " <> (actual_value is null or target_value = 0)"
                " or (projected_attainment is null)"
                " <> (projected_value is null or target_value = 0)"
                f" or {attainment} or {projected}",
                "attainment = actual / target and projected attainment = projected / target"
                " (NULL when the target is 0 or the period is after the as-of day)",
            ),
            sql_check(
                f"select {', '.join([*key, end])}, as_of_date, is_current_period, elapsed_days,"
                " total_days, actual_value, projected_value from {batch}"
                f" where total_days <> {end} - {start} + 1"
                " or elapsed_days <> case"
                f" when as_of_date < {start} then 0"
                f" when as_of_date >= {end} then total_days"
                f" else as_of_date - {start} + 1 end"
                f" or is_current_period <> (as_of_date between {start} and {end})"
                f" or (actual_value is null) <> ({start} > as_of_date)"
                f" or (projected_value is null) <> ({start} > as_of_date)"
                f" or (is_current_period and {run_rate})"
                f" or (not is_current_period and {completed})",
                "days and run rate: elapsed days of total to the as-of day; no actual after it;"
                " projection = actual (completed) or actual / elapsed × total days (current)",
            ),
        ],
    )


def build_suite() -> gx.ExpectationSuite:
    return goal_suite("mart_goal_attainment_monthly", KEY)
