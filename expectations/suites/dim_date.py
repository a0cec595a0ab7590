"""core.dim_date: the calendar every mart joins to. One row per day, no gaps."""

from __future__ import annotations

import great_expectations as gx
import great_expectations.expectations as gxe

from expectations.checks import WARNING, meta, row_count_drift, sql_check

TABLE = "core.dim_date"

COLUMNS = [
    "date_day",
    "week_start",
    "month_start",
    "quarter_start",
    "year_start",
    "year_number",
    "quarter_number",
    "month_number",
    "iso_day_of_week",
    "quarter_label",
    "is_weekend",
]


def build_suite() -> gx.ExpectationSuite:
    return gx.ExpectationSuite(
        name="dim_date",
        expectations=[
            gxe.ExpectTableColumnsToMatchSet(
                column_set=COLUMNS, exact_match=True, meta=meta("the documented columns")
            ),
            gxe.ExpectColumnValuesToNotBeNull(column="date_day", meta=meta("date_day not null")),
            gxe.ExpectColumnValuesToBeUnique(column="date_day", meta=meta("one row per day")),
            gxe.ExpectColumnValuesToBeBetween(
                column="iso_day_of_week", min_value=1, max_value=7, meta=meta("ISO weekday 1-7")
            ),
            gxe.ExpectColumnValuesToBeInSet(
                column="quarter_number", value_set=[1, 2, 3, 4], meta=meta("quarters 1-4")
            ),
            sql_check(
                """
                select date_day, next_day
                from (select date_day, lead(date_day) over (order by date_day) as next_day
                      from {batch})
                where next_day <> date_day + 1
                """,
                "no missing or repeated days between first and last",
            ),
            sql_check(
                "select date_day, iso_day_of_week, is_weekend from {batch}"
                " where is_weekend is distinct from (iso_day_of_week in (6, 7))",
                "is_weekend exactly on Saturdays and Sundays",
            ),
            # The calendar only grows with the configured range: a large change is odd, not fatal.
            row_count_drift(max_drop=0.5, max_growth=1.0, severity=WARNING),
        ],
    )
