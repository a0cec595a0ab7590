"""Resources shared by the assets: the DuckDB warehouse and the dbt CLI."""

from __future__ import annotations

from dagster_dbt import DbtCliResource
from dagster_duckdb import DuckDBResource

from closedloop.settings import DBT_EXECUTABLE, Settings
from orchestration.assets.dbt import dbt_project


def build_resources(settings: Settings) -> dict:
    return {
        "warehouse": DuckDBResource(database=str(settings.warehouse_path)),
        "dbt": DbtCliResource(project_dir=dbt_project, dbt_executable=DBT_EXECUTABLE),
    }
