"""Warehouses built in temp folders: core.dim_date as the dbt model builds it, and helpers."""

from __future__ import annotations

import duckdb
import pytest

# Same SQL as dbt_project/models/marts/core/dim_date.sql, over a fixed range.
DIM_DATE_SQL = """
create or replace table core.dim_date as
with days as (
    select cast(day as date) as date_day
    from generate_series(timestamp '2023-01-01', timestamp '2030-12-31', interval 1 day) s(day)
)
select
    date_day,
    cast(date_trunc('week', date_day) as date) as week_start,
    cast(date_trunc('month', date_day) as date) as month_start,
    cast(date_trunc('quarter', date_day) as date) as quarter_start,
    cast(date_trunc('year', date_day) as date) as year_start,
    extract(year from date_day) as year_number,
    extract(quarter from date_day) as quarter_number,
    extract(month from date_day) as month_number,
    extract(isodow from date_day) as iso_day_of_week,
    strftime(date_day, '%Y-Q') || cast(extract(quarter from date_day) as varchar) as quarter_label,
    extract(isodow from date_day) in (6, 7) as is_weekend
from days
"""


@pytest.fixture()
def warehouse(tmp_path):
    """A warehouse file with a correct core.dim_date (2923 days)."""
    path = tmp_path / "warehouse.duckdb"
    with duckdb.connect(str(path)) as connection:
        connection.execute("create schema core")
        connection.execute(DIM_DATE_SQL)
    return path


def execute(path, *statements: str) -> None:
    with duckdb.connect(str(path)) as connection:
        for statement in statements:
            connection.execute(statement)


def result(report, expectation_type: str, index: int = 0):
    matches = [r for r in report.results if r.expectation_type == expectation_type]
    return matches[index]
