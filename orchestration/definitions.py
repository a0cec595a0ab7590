"""closedloop's Dagster definitions: the table of contents of the pipeline."""

from __future__ import annotations

from dagster import Definitions, in_process_executor

from closedloop.settings import get_settings
from orchestration.assets.dbt import closedloop_dbt_assets
from orchestration.assets.gate import gate_checks, publish_asset
from orchestration.assets.raw import raw_assets
from orchestration.jobs import full_pipeline_job, raw_ingestion_job
from orchestration.resources import build_resources
from orchestration.schedules import daily_pipeline_schedule
from orchestration.sensors import landing_sensor

defs = Definitions(
    assets=[
        closedloop_dbt_assets,
        *raw_assets,
        publish_asset,
    ],
    asset_checks=gate_checks,
    jobs=[full_pipeline_job, raw_ingestion_job],
    schedules=[daily_pipeline_schedule],
    sensors=[landing_sensor],
    resources=build_resources(get_settings()),
    # One process runs the steps one after another: DuckDB takes a single writer.
    # The warehouse pool (dagster.yaml) guards the same rule across runs.
    executor=in_process_executor,
)
