"""Publish carries the documentation and the BI types into the serving file
(docs/bi-contract.md §2–3): table and column COMMENTs, `_catalog`, comments of held-back
tables carried over, HUGEINT / wide DECIMAL / LIST columns cast to what drivers read."""

from __future__ import annotations

import duckdb
import pytest

from expectations.publish import pii
from expectations.publish.comments import unit_of
from expectations.publish.serving import publish
from expectations.publish.serving_types import serving_type

TABLE = "metrics.mart_example"


@pytest.fixture()
def warehouse(tmp_path):
    return tmp_path / "warehouse.duckdb"


def _make(warehouse, note: str) -> None:
    with duckdb.connect(str(warehouse)) as connection:
        connection.execute(
            f"""
        create schema if not exists metrics;
        create or replace table {TABLE} as
        select date '2025-01-01' as month_start,
               sum(x)::hugeint as won_deals,
               sum(x::decimal(18, 6)) * 1.5::decimal(18, 4) as won_revenue_usd,
               sum(x::decimal(18, 6)) / 3::decimal(18, 4) as weighted_score,
               ['a', 'b'] as utm_campaigns,
               0.25::double as win_rate
        from range(3) t(x);
        comment on table {TABLE} is 'One row per month. {note}';
        comment on column {TABLE}.won_deals is 'Won deals (count).';
        comment on column {TABLE}.won_revenue_usd is 'Won revenue, USD.';
        """
        )


def _query(path, sql):
    with duckdb.connect(str(path), read_only=True) as connection:
        return connection.execute(sql).fetchall()


def test_comments_catalog_and_types_reach_the_serving_file(warehouse, tmp_path):
    _make(warehouse, "First.")
    serving = tmp_path / "serving.duckdb"
    publish(warehouse, serving, [TABLE], run_id="run-1", pii=pii.PiiPolicy())

    (comment,) = _query(
        serving, "select comment from duckdb_tables() where table_name = 'mart_example'"
    )[0]
    assert comment == "One row per month. First."
    columns = dict(
        (name, (kind, note))
        for name, kind, note in _query(
            serving,
            "select column_name, data_type, comment from duckdb_columns()"
            " where table_name = 'mart_example'",
        )
    )
    assert columns["won_deals"] == ("BIGINT", "Won deals (count).")
    assert columns["won_revenue_usd"] == ("DECIMAL(18,2)", "Won revenue, USD.")
    assert columns["weighted_score"][0] == "DOUBLE"
    assert columns["utm_campaigns"][0] == "VARCHAR"
    ((deals, revenue, utms),) = _query(
        serving, f"select won_deals, won_revenue_usd::varchar, utm_campaigns from {TABLE}"
    )
    assert (deals, revenue, utms) == (3, "4.50", "a, b")
    catalog = _query(
        serving,
        "select column_name, description, unit from _catalog where table_name = ?".replace(
            "?", f"'{TABLE}'"
        ),
    )
    assert ("won_revenue_usd", "Won revenue, USD.", "USD") in catalog
    assert ("win_rate", None, "fraction 0-1") in catalog
    bookkeeping = _query(
        serving,
        "select table_name, comment from duckdb_tables() where schema_name = 'main' order by 1",
    )
    assert [t for t, _ in bookkeeping] == ["_catalog", "_published_runs", "_published_tables"]
    assert all(c.startswith("One row per ") for _, c in bookkeeping)


def test_a_held_back_table_keeps_its_comments(warehouse, tmp_path):
    _make(warehouse, "First.")
    serving = tmp_path / "serving.duckdb"
    publish(warehouse, serving, [TABLE], run_id="run-1", pii=pii.PiiPolicy())
    _make(warehouse, "Second.")
    publish(
        warehouse,
        serving,
        [TABLE],
        run_id="run-2",
        pii=pii.PiiPolicy(),
        held_back={TABLE: "a check failed"},
    )
    (comment,) = _query(
        serving, "select comment from duckdb_tables() where table_name = 'mart_example'"
    )[0]
    assert comment == "One row per month. First."
    notes = _query(
        serving,
        "select comment from duckdb_columns() where table_name = 'mart_example'"
        " and column_name = 'won_deals'",
    )
    assert notes == [("Won deals (count).",)]


def test_serving_types_and_units_by_name():
    assert serving_type("open_deals", "HUGEINT") == "BIGINT"
    assert serving_type("weighted_amount_usd", "DECIMAL(38,22)") == "DECIMAL(18,2)"
    assert serving_type("spend_usd", "DECIMAL(18,6)") is None
    assert serving_type("score", "DECIMAL(38,6)") == "DOUBLE"
    assert serving_type("win_rate", "DOUBLE") is None
    assert unit_of("median_days", "DOUBLE", "Median days.") == "days"
    assert unit_of("closed_at", "TIMESTAMP", None) == "UTC timestamp"
    assert unit_of("leads", "BIGINT", None) == "count"
    assert unit_of("stage_order", "INTEGER", None) is None
    assert unit_of("x", "DOUBLE", "Something. Unit: leads per rep.") == "leads per rep"


def test_a_view_in_the_warehouse_keeps_its_comment(warehouse, tmp_path):
    with duckdb.connect(str(warehouse)) as connection:
        connection.execute(
            "create schema core; create view core.fct_example as select 1 as example_id;"
            " comment on view core.fct_example is 'One row per example.';"
            " comment on column core.fct_example.example_id is 'Key.'"
        )
    serving = tmp_path / "serving.duckdb"
    publish(warehouse, serving, ["core.fct_example"], run_id="run-1", pii=pii.PiiPolicy())
    assert _query(
        serving, "select comment from duckdb_tables() where table_name = 'fct_example'"
    ) == [("One row per example.",)]
    assert _query(serving, "select description from _catalog where column_name = 'example_id'") == [
        ("Key.",)
    ]
