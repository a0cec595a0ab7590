"""closedloop's Dagster definitions: the table of contents of the pipeline."""

from __future__ import annotations

from dagster import Definitions, in_process_executor

from orchestration.assets.dbt import closedloop_dbt_assets
from orchestration.jobs import full_pipeline_job
from orchestration.resources import build_resources
from orchestration.settings import get_settings

defs = Definitions(
    assets=[
        closedloop_dbt_assets,
    ],
    jobs=[full_pipeline_job],
    resources=build_resources(get_settings()),
    # One process runs the steps one after another: DuckDB takes a single writer.
    # The warehouse pool (dagster.yaml) guards the same rule across runs.
    executor=in_process_executor,
)
