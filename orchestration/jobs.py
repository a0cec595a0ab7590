"""Jobs: what a scheduled or manual run materializes."""

from __future__ import annotations

from dagster import AssetSelection, define_asset_job

full_pipeline_job = define_asset_job(
    name="closedloop_pipeline",
    selection=AssetSelection.all(),
    description="Ingest every source, build the dbt models and run their checks.",
)

raw_ingestion_job = define_asset_job(
    name="raw_ingestion",
    selection=AssetSelection.key_prefixes(["raw"]),
    description="Ingest the landing folder (or the vendor APIs) into schema raw.",
)
