"""Warehouses built in temp folders: core.dim_date as the dbt model builds it, and helpers."""

from __future__ import annotations

import os
import shutil

import duckdb
import pytest

from tests.quality import gate_warehouse as gate
from tests.quality.gate_run import gate_env

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


@pytest.fixture(scope="module")
def baseline(tmp_path_factory):
    """A warehouse after one clean, published run (drift baseline recorded)."""
    data = tmp_path_factory.mktemp("baseline") / "data"
    data.mkdir()
    saved = {k: os.environ.get(k) for k in gate_env(data)}
    os.environ.update(gate_env(data))
    for k in ("CLOSEDLOOP_PUBLISH_PII", "CLOSEDLOOP_PII_SALT", "CLOSEDLOOP_ROW_COUNT_MAX_DROP"):
        saved.setdefault(k, os.environ.pop(k, None))
    try:
        gate.build(data / "warehouse.duckdb")
        result = gate.run_gate(data / "warehouse.duckdb")
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return data, result


@pytest.fixture()
def published(baseline, tmp_path, monkeypatch):
    """A private copy of the baseline's data folder, with the env pointing into it."""
    data = tmp_path / "data"
    shutil.copytree(baseline[0], data)
    for key, value in gate_env(data).items():
        monkeypatch.setenv(key, value)
    for key in ("CLOSEDLOOP_PUBLISH_PII", "CLOSEDLOOP_PII_SALT", "CLOSEDLOOP_ROW_COUNT_MAX_DROP"):
        monkeypatch.delenv(key, raising=False)
    return data
