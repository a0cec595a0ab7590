"""core.dim_date, calendar arithmetic: period starts, labels and numbering agree."""

from __future__ import annotations

import great_expectations as gx
import great_expectations.expectations as gxe

from expectations.checks import WARNING, meta, non_decreasing, sql_check

TABLE = "core.dim_date"


def build_suite() -> gx.ExpectationSuite:
    return gx.ExpectationSuite(
        name="dim_date_calendar",
        expectations=[
            # Each period starts on or before the next finer one, and on or before the day.
            non_decreasing(
                ["year_start", "quarter_start", "month_start", "date_day"], key=["date_day"]
            ),
            sql_check(
                "select date_day, week_start from {batch}"
                " where week_start > date_day or date_day - week_start > 6"
                " or isodow(week_start) <> 1",
                "week_start is the Monday on or before date_day",
            ),
            sql_check(
                "select date_day, year_number, quarter_number, month_number, quarter_label"
                " from {batch}"
                " where year_number <> year(date_day) or month_number <> month(date_day)"
                " or quarter_number <> quarter(date_day)"
                " or quarter_label <> year_number || '-Q' || quarter_number",
                "numbers and quarter_label derived from date_day",
            ),
            gxe.ExpectColumnValueLengthsToEqual(
                column="quarter_label", value=7, meta=meta("quarter_label like 2025-Q1")
            ),
            # Marts reference recent days: a calendar that stops before today is a warning.
            sql_check(
                "select max(date_day) as last_day from {batch} having max(date_day) < current_date",
                "calendar reaches today",
                severity=WARNING,
            ),
        ],
    )
