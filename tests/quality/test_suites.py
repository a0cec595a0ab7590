"""The shipped suites on core.dim_date, and the domain checks on corrupted tables."""

from __future__ import annotations

import great_expectations as gx
import great_expectations.expectations as gxe

from expectations import checks, history, suites
from expectations.runner import validate
from tests.quality.conftest import execute, result


def test_both_dim_date_suites_pass_on_the_dbt_model(warehouse):
    assert {"dim_date", "dim_date_calendar"} <= set(suites.available())
    for name in ("dim_date", "dim_date_calendar"):
        report = validate(warehouse, name)
        failed = [(r.description, r.error, r.sample) for r in report.results if not r.success]
        assert report.success, failed
        assert report.table == "core.dim_date" and report.row_count == 2922


def test_duplicate_day_and_gap_are_blocking_with_the_failing_rows(warehouse):
    execute(
        warehouse,
        "insert into core.dim_date select * from core.dim_date where date_day = '2024-02-29'",
        "delete from core.dim_date where date_day = '2025-06-15'",
    )
    report = validate(warehouse, "dim_date")
    assert not report.publishable
    unique = result(report, "expect_column_values_to_be_unique")
    assert not unique.success and unique.unexpected_count == 2
    assert {row["date_day"] for row in unique.sample} == {"2024-02-29"}
    gap = result(report, "unexpected_rows_expectation", 0)
    assert sorted((row["date_day"], row["next_day"]) for row in gap.sample) == [
        ("2024-02-29", "2024-02-29"),
        ("2025-06-14", "2025-06-16"),
    ]


def test_calendar_suite_catches_a_wrong_label(warehouse):
    execute(
        warehouse,
        "update core.dim_date set quarter_label = '2024-Q9' where date_day = '2024-01-02'",
    )
    report = validate(warehouse, "dim_date_calendar")
    labels = [r for r in report.results if r.description.startswith("numbers and quarter_label")]
    assert labels[0].sample == [
        {
            "date_day": "2024-01-02",
            "year_number": 2024,
            "quarter_number": 1,
            "month_number": 1,
            "quarter_label": "2024-Q9",
        }
    ]
    assert not report.publishable


def _suite(table: str, *expectations) -> suites.Suite:
    return suites.Suite(
        name=f"test_{table.split('.')[1]}",
        table=table,
        expectations=gx.ExpectationSuite(name="t", expectations=list(expectations)),
    )


def test_credits_sum_to_one_per_conversion_and_model(warehouse):
    execute(
        warehouse,
        "create schema marts",
        "create table marts.credits as select c as conversion_id, m as model,"
        " 1.0 / 4 as credit from range(500) a(c), (values ('linear'), ('first')) b(m), range(4)",
        # conversion 7 / linear loses a touch: the credits sum to 0.75.
        "delete from marts.credits where rowid = (select min(rowid) from marts.credits"
        " where conversion_id = 7 and model = 'linear')",
        # conversion 9 / first is off by 1e-6: beyond the 1e-9 tolerance.
        "update marts.credits set credit = credit + 1e-6 where rowid = (select min(rowid)"
        " from marts.credits where conversion_id = 9 and model = 'first')",
    )
    check = checks.sums_to_one("credit", ["conversion_id", "model"])
    report = validate(warehouse, _suite("marts.credits", check))
    (outcome,) = report.results
    assert not outcome.success and outcome.unexpected_count == 2
    failing = {(row["conversion_id"], row["model"]) for row in outcome.sample}
    assert failing == {(7, "linear"), (9, "first")}


def test_stage_order_reconciliation_and_foreign_key(warehouse):
    execute(
        warehouse,
        "create schema marts",
        "create table marts.funnel (opportunity_id int, lead_at date, mql_at date,"
        " sql_at date, won_at date, amount decimal(18,2), attributed decimal(18,2),"
        " unattributed decimal(18,2), created_on date)",
        "insert into marts.funnel values"
        " (1, '2024-01-01', '2024-01-05', null, '2024-02-01', 100.00, 60.00, 40.00, '2024-01-01'),"
        " (2, '2024-01-01', null, '2023-12-31', null, 50.00, 50.00, 0.00, '2024-01-01'),"
        " (3, '2024-01-03', '2024-01-02', '2024-01-04', '2024-01-09', 10.00, 9.99, 0.00,"
        " '1999-01-01')",
    )
    suite = _suite(
        "marts.funnel",
        checks.non_decreasing(["lead_at", "mql_at", "sql_at", "won_at"], key=["opportunity_id"]),
        checks.totals_match(
            "(select sum(amount) from {batch} where won_at is not null)",
            "(select sum(attributed + unattributed) from {batch} where won_at is not null)",
            description="won revenue = attributed + unattributed",
        ),
        checks.foreign_key("created_on", "core.dim_date", "date_day"),
        gxe.ExpectColumnValuesToBeBetween(column="amount", min_value=0, meta=checks.meta("x")),
    )
    order, money, fk, non_negative = validate(warehouse, suite).results
    assert {row["opportunity_id"] for row in order.sample} == {2, 3}  # skipped stage still ok
    assert not money.success
    assert money.sample[0]["difference"] in ("0.01", 0.01)
    assert [row["opportunity_id"] for row in fk.sample] == [3]
    assert non_negative.success


def test_half_the_rows_gone_vs_the_last_publication(warehouse):
    suite = _suite("core.dim_date", checks.row_count_drift(max_drop=0.3))
    history.record_publication(warehouse, "run-1", {"core.dim_date": 2922})
    assert validate(warehouse, suite).success

    execute(warehouse, "delete from core.dim_date where date_day >= '2027-01-01'")
    (drift,) = validate(warehouse, suite).results
    assert not drift.success and drift.severity == "blocking"
    assert drift.sample == [
        {"row_count": 1461, "previous_row_count": 2922, "allowed_min": 2045, "allowed_max": None}
    ]
    # Once the smaller table is published, it is the new baseline.
    history.record_publication(warehouse, "run-2", {"core.dim_date": 1461})
    assert validate(warehouse, suite).success
