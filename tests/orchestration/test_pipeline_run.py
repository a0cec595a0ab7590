"""A real Dagster run of the raw and dbt assets into a temporary DuckDB warehouse."""

from __future__ import annotations

from datetime import UTC, date, datetime

import duckdb
from dagster import AssetKey, AssetSelection, materialize

from closedloop.settings import get_settings
from orchestration.assets.dbt import closedloop_dbt_assets
from orchestration.assets.raw import raw_assets
from orchestration.resources import build_resources


def test_dbt_assets_build_the_calendar(data_dir, monkeypatch):
    """Nothing was ever loaded: every raw table is created empty, and the calendar (which
    spans the data loaded, docs/real-inputs.md §5) has no dated input at all (costs and
    targets are landing inputs, not seeds): January 1 of the current year to December 31 of
    the next."""
    (data_dir / "landing").mkdir()
    monkeypatch.setenv("DBT_TARGET_PATH", str(data_dir / "dbt_target"))  # dagster-dbt's builds
    settings = get_settings()
    calendar = AssetKey(["core", "dim_date"])
    # Everything upstream (raw included), but only the calendar's own dbt tests: the
    # relationship tests of its parents read models outside the selection.
    selection = AssetSelection.assets(calendar).upstream().without_checks()
    result = materialize(
        [closedloop_dbt_assets, *raw_assets],
        resources=build_resources(settings),
        selection=selection | AssetSelection.checks_for_assets(calendar),
    )
    assert result.success

    with duckdb.connect(str(settings.warehouse_path), read_only=True) as con:
        assert con.execute("select count(*) from core.fct_opportunities").fetchone() == (0,)
        # No dated input at all (costs and targets are landing inputs now): the calendar
        # falls back to the current year (UTC) and the next.
        today = datetime.now(UTC).date()
        start = date(today.year, 1, 1)
        end = date(today.year + 1, 12, 31)
        rows, first, last, q3_label = con.execute(
            """
            select count(*), min(date_day), max(date_day),
                   max(quarter_label) filter (where date_day = ?)
            from core.dim_date
            """,
            [date(start.year, 8, 15)],
        ).fetchone()
    assert (rows, first, last) == ((end - start).days + 1, start, end)
    assert q3_label == f"{start.year}-Q3"
