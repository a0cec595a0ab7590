"""DuckDB pitfalls the metric marts work around (STACK.md), kept as regression tests."""

from __future__ import annotations

import datetime as dt

import duckdb


def test_interval_cse_workaround_gives_distinct_intervals():
    # `ts + interval 30 day` and `ts + interval 1 month` in ONE select came back equal on
    # DuckDB 1.5.5 / 2.0 (the common-subexpression optimizer took the intervals as equal).
    # The marts never mix two intervals in one select; the separate-CTE form must stay right.
    with duckdb.connect() as con:
        one_select = con.execute("""
            select ts + interval 30 day, ts + interval 1 month
            from (select timestamp '2025-02-01' as ts)
        """).fetchone()
        separate = con.execute("""
            with days as (select ts, ts + interval 30 day as plus_days
                          from (select timestamp '2025-02-01' as ts))
            select plus_days, ts + interval 1 month from days
        """).fetchone()
    assert separate == (dt.datetime(2025, 3, 3), dt.datetime(2025, 3, 1))
    if one_select[0] == one_select[1]:  # the bug is still there: the workaround is needed
        assert separate[0] != separate[1]


def test_period_ends_are_right_for_months_and_quarters(hand):
    # int_metrics__periods takes ends from dim_date (no interval arithmetic) and adds one day.
    rows = hand.query("""
        select period_grain, period_start, period_end, period_end_at
        from intermediate.int_metrics__periods
        where period_start in ('2025-01-01', '2025-02-01')
        order by 1, 2
    """)
    assert rows == [
        ("month", dt.date(2025, 1, 1), dt.date(2025, 1, 31), dt.datetime(2025, 2, 1)),
        ("month", dt.date(2025, 2, 1), dt.date(2025, 2, 28), dt.datetime(2025, 3, 1)),
        ("quarter", dt.date(2025, 1, 1), dt.date(2025, 3, 31), dt.datetime(2025, 4, 1)),
    ]


def test_reverse_funnel_window_is_four_quarters(hand):
    assert hand.one("""
        select distinct trailing_window_start from metrics.mart_funnel_plan
        where quarter_start = '2025-04-01'
    """) == dt.date(2024, 4, 1)
