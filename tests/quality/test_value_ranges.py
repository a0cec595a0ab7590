"""Value ranges at the gate (issue 12 item 3; docs/resilience.md §3, docs/quality-gate.md):
every published timestamp/date column within [CLOSEDLOOP_TIMESTAMP_MIN, now +
CLOSEDLOOP_TIMESTAMP_MAX_FUTURE_DAYS], every money column finite and within ±1e12, written
from the table's columns when the suite runs; calendars are exempt from the future bound.
"""

from __future__ import annotations

import datetime as dt

import great_expectations as gx
import pytest

from expectations import audit, checks, suites
from expectations.runner import validate
from expectations.suites import _published
from tests.quality.conftest import execute, result

BEFORE = "is before 1990-01-01 (CLOSEDLOOP_TIMESTAMP_MIN)"

# Rows 1 and 6 are clean; 2-5 each hold one invalid value.
DEALS = """
create schema if not exists metrics;
create table metrics.mart_deals (
    deal_id integer, created_at timestamp, closed_on date, amount_usd decimal(38, 2),
    spend double, win_rate double, deal_count bigint, label varchar
);
insert into metrics.mart_deals values
    (1, timestamp '2025-01-02 10:00:00', date '2025-02-01', 1500.00, 12.5, 0.5, 3, 'a'),
    (2, timestamp '1900-01-01 00:00:00', date '2025-02-01', 1500.00, 12.5, 0.5, 3, 'b'),
    (3, '-infinity'::timestamp, date '2025-02-01', 1500.00, 12.5, 0.5, 3, 'c'),
    (4, timestamp '2025-01-02 10:00:00', date '2025-02-01', 1500.00, 'nan'::double, 0.5, 3, 'd'),
    (5, timestamp '2025-01-02 10:00:00', null, 10000000000000.00, 1.0, 0.5, 3, 'e'),
    (6, timestamp '1990-01-01 00:00:00', date '1990-01-01', -999999999999.99, 0, 0, 1e15, 'f');
"""


def _suite(table: str, *, keys=("deal_id",), future_exempt: bool = False) -> suites.Suite:
    check = checks.value_ranges(keys=list(keys), future_exempt=future_exempt)
    return suites.Suite(
        name=f"test_{table.split('.')[1]}",
        table=table,
        expectations=gx.ExpectationSuite(name="t", expectations=[check]),
    )


def _failing(report) -> dict:
    check = result(report, "unexpected_rows_expectation")
    return {row["deal_id"]: row["value_problems"] for row in check.sample}


def test_the_suite_fails_on_exactly_the_invalid_rows_with_their_keys(warehouse):
    execute(warehouse, DEALS)
    report = validate(warehouse, _suite("metrics.mart_deals"))
    assert not report.publishable
    check = result(report, "unexpected_rows_expectation")
    assert check.severity == checks.BLOCKING and check.unexpected_count == 4
    assert _failing(report) == {
        2: f"created_at=1900-01-01 00:00:00 {BEFORE}",
        3: "created_at=-infinity is not finite",
        4: "spend=nan is not finite",
        5: "amount_usd=10000000000000.00 is beyond ±1e12",
    }
    # Read from the table when the suite ran: integers that are not money (deal_count 1e15)
    # and text are not checked; the report says what was, not the generated SQL.
    assert {k: check.kwargs[k] for k in ("keys", "time_columns", "money_columns")} == {
        "keys": ["deal_id"],
        "time_columns": ["created_at", "closed_on"],
        "money_columns": ["amount_usd", "spend"],
    }
    assert check.kwargs["float_columns"] == ["win_rate"]


def test_a_clean_table_passes(warehouse):
    execute(warehouse, DEALS, "delete from metrics.mart_deals where deal_id between 2 and 5")
    report = validate(warehouse, _suite("metrics.mart_deals"))
    assert report.success, [r.sample for r in report.results]


def test_future_bound_and_forward_looking_dates(warehouse):
    tomorrow = dt.datetime.now(dt.UTC).date() + dt.timedelta(days=1)
    later = tomorrow + dt.timedelta(days=30)
    execute(
        warehouse,
        "create schema metrics",
        "create table metrics.mart_plan (deal_id int, created_at timestamp, booked_on date,"
        " expected_close_date date, period_end date, quarter_start date)",
        # Tomorrow is within the day of slack; a month later is in the future, except for a
        # plan or period column; infinity is never a date.
        f"insert into metrics.mart_plan values (1, date '{tomorrow}', date '{tomorrow}',"
        f" date '{later}', date '{later}', date '{later}'),"
        f" (2, timestamp '{later} 09:00:00', date '{later}', date '{later}',"
        " 'infinity'::date, date '2025-01-01')",
    )
    report = validate(warehouse, _suite("metrics.mart_plan"))
    problems = _failing(report)[2].split("; ")
    assert [p.split(" is ")[0] for p in problems] == [
        f"created_at={later} 09:00:00",
        f"booked_on={later}",
        "period_end=infinity",
    ]
    assert problems[1].endswith("(UTC now + 1 day)") and "not finite" in problems[2]
    assert list(_failing(report)) == [2]


def test_dim_date_is_exempt_from_the_future_bound_only(warehouse):
    # The conftest calendar runs to 2030-12-31: fine for a calendar, not for a fact table.
    calendar = validate(warehouse, suites.load("dim_date"))
    assert calendar.success, [r.sample for r in calendar.results if not r.success]
    as_fact = validate(warehouse, _suite("core.dim_date", keys=["date_day"]))
    check = result(as_fact, "unexpected_rows_expectation")
    days_ahead = (dt.date(2030, 12, 31) - dt.datetime.now(dt.UTC).date()).days - 1
    assert check.unexpected_count == days_ahead
    execute(warehouse, "insert into core.dim_date (date_day) values ('-infinity'::date)")
    failed = result(validate(warehouse, suites.load("dim_date")), "unexpected_rows_expectation", 2)
    assert failed.sample == [
        {"date_day": "-infinity", "value_problems": "date_day=-infinity is not finite"}
    ]


def test_the_window_comes_from_the_settings(warehouse, monkeypatch):
    execute(warehouse, DEALS, "delete from metrics.mart_deals where deal_id between 2 and 5")
    monkeypatch.setenv("CLOSEDLOOP_TIMESTAMP_MIN", "2025-01-01")
    assert list(_failing(validate(warehouse, _suite("metrics.mart_deals")))) == [6]
    monkeypatch.setenv("CLOSEDLOOP_TIMESTAMP_MIN", "1.1.1990")
    with pytest.raises(ValueError, match="CLOSEDLOOP_TIMESTAMP_MIN"):
        validate(warehouse, _suite("metrics.mart_deals"))


def test_every_published_table_is_covered_by_a_suite_with_value_ranges():
    from expectations.publish.tables import published_tables
    from orchestration.assets.dbt import closedloop_dbt_assets
    from orchestration.assets.publish import dbt_model_tables

    published = published_tables(dbt_model_tables(closedloop_dbt_assets))
    assert published == _published.published()
    by_table = audit.suites_by_table()
    for table in published:
        kinds = [
            (e.meta or {}).get("check")
            for name in by_table[table]
            for e in suites.load(name).expectations.expectations
        ]
        assert kinds.count(checks.VALUE_RANGES) == 1, table
    assert set(suites.generated()) <= set(suites.available())


def test_a_generated_suite_shows_failures_by_the_documented_grain(warehouse):
    name = next(n for n, t in suites.generated().items() if t == "core.fct_ad_spend_daily")
    execute(
        warehouse,
        "create table core.fct_ad_spend_daily as select 'meta' as platform,"
        " '1' as ad_account_id, 'c1' as campaign_id, date '2025-03-01' as date_day,"
        " 'nan'::double as spend, cast(12.5 as decimal(18, 6)) as spend_usd",
    )
    report = validate(warehouse, suites.load(name))
    assert result(report, "unexpected_rows_expectation").sample == [
        {
            "platform": "meta",
            "ad_account_id": "1",
            "campaign_id": "c1",
            "date_day": "2025-03-01",
            "value_problems": "spend=nan is not finite",
        }
    ]
