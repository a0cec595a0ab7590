"""A real Dagster run of the dbt assets into a temporary DuckDB warehouse."""

from __future__ import annotations

from datetime import date

import duckdb
import yaml
from dagster import materialize

from closedloop.settings import DBT_PROJECT_DIR, get_settings
from orchestration.assets.dbt import closedloop_dbt_assets
from orchestration.resources import build_resources


def test_dbt_assets_build_the_calendar(data_dir):
    settings = get_settings()
    result = materialize(
        [closedloop_dbt_assets],
        resources=build_resources(settings),
        selection="core/dim_date",
    )
    assert result.success

    project_vars = yaml.safe_load((DBT_PROJECT_DIR / "dbt_project.yml").read_text())["vars"]
    start = date.fromisoformat(project_vars["calendar_start"])
    end = date.fromisoformat(project_vars["calendar_end"])
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as con:
        rows, first, last, q3_label = con.execute(
            """
            select count(*), min(date_day), max(date_day),
                   max(quarter_label) filter (where date_day = date '2025-08-15')
            from core.dim_date
            """
        ).fetchone()
    assert (rows, first, last) == ((end - start).days + 1, start, end)
    assert q3_label == "2025-Q3"
