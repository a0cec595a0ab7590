"""Resources shared by the assets: the DuckDB warehouse and the dbt CLI."""

from __future__ import annotations

import sys
from pathlib import Path

from dagster_dbt import DbtCliResource
from dagster_duckdb import DuckDBResource

from orchestration.assets.dbt import dbt_project
from orchestration.settings import Settings


def build_resources(settings: Settings) -> dict:
    return {
        "warehouse": DuckDBResource(database=str(settings.warehouse_path)),
        "dbt": DbtCliResource(project_dir=dbt_project, dbt_executable=_dbt_executable()),
    }


def _dbt_executable() -> str:
    """dbt from this interpreter's environment: dagster-dbt only looks on PATH."""
    return str(Path(sys.executable).with_name("dbt"))
