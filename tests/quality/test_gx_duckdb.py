"""GX 1.x runs inside DuckDB (SQL pushdown) thanks to the persisted-connection fix.

If a GX or duckdb_engine upgrade breaks the fix, these tests fail: results must be
computed (no exception results) on a 200k-row table, with exact unexpected counts.
"""

from __future__ import annotations

import time

import duckdb
import great_expectations as gx
import great_expectations.expectations as gxe
import pytest
import sqlalchemy as sa
from great_expectations.execution_engine import sqlalchemy_execution_engine as sa_engine

from expectations import checks, gx_duckdb
from expectations.runner import validate
from expectations.suites import Suite

ROWS = 200_000


@pytest.fixture()
def big(tmp_path):
    """200k rows built in DuckDB: id unique, bucket = id % 7 (6 appears 28,571 times)."""
    path = tmp_path / "big.duckdb"
    with duckdb.connect(str(path)) as connection:
        connection.execute("create schema core")
        connection.execute(
            f"create table core.big as select i as id, i % 7 as bucket, 'x' || i as label"
            f" from range({ROWS}) r(i)"
        )
    return path


def _suite() -> Suite:
    return Suite(
        name="big",
        table="core.big",
        expectations=gx.ExpectationSuite(
            name="big",
            expectations=[
                gxe.ExpectColumnValuesToBeUnique(column="id"),
                gxe.ExpectColumnValuesToNotBeNull(column="label"),
                gxe.ExpectColumnValuesToBeBetween(column="bucket", min_value=0, max_value=5),
                gxe.ExpectTableRowCountToEqual(value=ROWS),
                checks.sql_check("select * from {batch} where bucket = 6 and id < 1000", "sql"),
            ],
        ),
    )


def test_fix_is_registered_idempotently():
    gx_duckdb.install_persisted_connection_fix()
    gx_duckdb.install_persisted_connection_fix()
    names = [str(getattr(d, "value", d)) for d in sa_engine._PERSISTED_CONNECTION_DIALECTS]
    assert names.count("duckdb") == 1
    # GX decides on a StaticPool from the URL with this helper: the fix must reach it.
    assert sa_engine._dialect_requires_persisted_connection(connection_string="duckdb:///x")


def test_expectations_are_computed_inside_duckdb(big):
    started = time.perf_counter()
    report = validate(big, _suite())
    elapsed = time.perf_counter() - started

    assert [r.error for r in report.results] == [None] * 5, "GX raised instead of computing"
    unique, not_null, between, row_count, sql = report.results
    assert unique.success and unique.unexpected_count == 0
    assert not_null.success
    assert not between.success and between.unexpected_count == ROWS // 7  # 28,571
    assert len(between.sample) == 20 and all(row["bucket"] == 6 for row in between.sample)
    assert row_count.success and row_count.observed_value == ROWS
    assert not sql.success and sql.unexpected_count == 142
    assert report.row_count == ROWS
    assert elapsed < 10


def test_gx_uses_one_persisted_sql_connection(big):
    """The batch is a SQL selectable on a StaticPool engine that GX keeps connected."""
    context = gx_duckdb.ephemeral_context()
    with gx_duckdb.open_warehouse(big) as connection:
        batch, engine = gx_duckdb.table_batch(context, connection, "core.big")
        try:
            assert isinstance(engine.pool, sa.pool.StaticPool)
            execution_engine = batch.data.execution_engine
            assert type(execution_engine).__name__ == "SqlAlchemyExecutionEngine"
            assert execution_engine.dialect_name == "duckdb"
            result = batch.validate(gxe.ExpectColumnValuesToBeUnique(column="id"))
            assert result.success and not result.exception_info.get("raised_exception")
            assert execution_engine._connection is not None  # persisted, not closed
        finally:
            engine.dispose()


def test_without_the_fix_gx_still_fails_on_duckdb(big, monkeypatch):
    """Upstream issue #10738 is still there. If this fails, GX fixed it: drop our patch."""
    without = tuple(
        d
        for d in sa_engine._PERSISTED_CONNECTION_DIALECTS
        if str(getattr(d, "value", d)) != "duckdb"
    )
    monkeypatch.setattr(sa_engine, "_PERSISTED_CONNECTION_DIALECTS", without)
    monkeypatch.setattr(gx_duckdb, "install_persisted_connection_fix", lambda: None)
    report = validate(big, _suite())
    assert all(r.error for r in report.results[:4])
    assert not report.publishable


def test_pipeline_connection_is_shared_and_file_released(big):
    # The pipeline holds the warehouse read-write; the checks share its connection.
    with duckdb.connect(str(big)) as pipeline:
        pipeline.execute("insert into core.big values (0, 0, 'dup')")
        report = validate(pipeline, _suite())
        assert report.results[0].unexpected_count == 2  # the checks see the pipeline's write
        assert pipeline.execute("select count(*) from core.big").fetchone()[0] == ROWS + 1
    # A path is opened read-only and closed again: the file can be opened read-write.
    validate(big, _suite())
    with duckdb.connect(str(big)) as writer:
        writer.execute("delete from core.big where label = 'dup'")
