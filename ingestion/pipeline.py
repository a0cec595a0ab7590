"""The dlt pipeline of one vendor into schema `raw` of the warehouse, and a plain runner.

One pipeline per vendor: each keeps its own dlt schema and state, so a failing vendor
(e.g. a changed export) never blocks the others.
"""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass, field

import dlt
from dlt.common.pipeline import LoadInfo

from ingestion.config import IngestionConfig
from ingestion.contracts import SOURCES, contracts_of
from ingestion.empty_tables import ensure_raw_tables
from ingestion.resources import RunStats
from ingestion.sources import vendor_source

log = logging.getLogger(__name__)


def make_pipeline(vendor: str, cfg: IngestionConfig) -> dlt.Pipeline:
    return dlt.pipeline(
        pipeline_name=f"closedloop_raw_{vendor}",
        destination=dlt.destinations.duckdb(str(cfg.warehouse_path)),
        dataset_name=cfg.dataset,
        pipelines_dir=str(cfg.dlt_dir / "pipelines"),
        progress=None,
    )


@dataclass
class VendorRun:
    vendor: str
    load_info: LoadInfo
    stats: RunStats
    # Raw tables created empty by this run: nothing of them was ever loaded.
    created_empty: list[str] = field(default_factory=list)


def run_vendor(
    vendor: str, cfg: IngestionConfig | None = None, tables: list[str] | None = None
) -> VendorRun:
    """Ingest one vendor's tables (all, or `tables`) into the warehouse.

    The local dlt working folder is dropped first, so state (which files are loaded) always
    comes from the warehouse: a run behaves the same on a fresh machine, and a package left
    pending by a killed run is never half-replayed; its inputs are simply read again and
    merged by key.

    Afterwards every table of the run that still does not exist in the warehouse (its
    source sent nothing, ever) is created empty with its typed columns, so that staging
    always compiles (docs/real-inputs.md §5, ingestion/empty_tables.py).
    """
    cfg = cfg or IngestionConfig.from_env()
    cfg.warehouse_path.parent.mkdir(parents=True, exist_ok=True)
    pipeline = make_pipeline(vendor, cfg)
    pipeline.drop()
    pipeline = make_pipeline(vendor, cfg)
    stats = RunStats()
    try:
        info = pipeline.run(vendor_source(vendor, cfg, stats, tables))
        info.raise_on_failed_jobs()
    finally:
        shutil.rmtree(cfg.dlt_dir / "spool" / vendor, ignore_errors=True)
    contracts = [c for c in contracts_of(vendor) if tables is None or c.name in tables]
    created = ensure_raw_tables(pipeline, contracts)
    if created:
        log.info("%s: no data ever loaded, created empty: %s", vendor, ", ".join(created))
    return VendorRun(vendor, info, stats, created)


def run_all(cfg: IngestionConfig | None = None) -> list[VendorRun]:
    cfg = cfg or IngestionConfig.from_env()
    return [run_vendor(v, cfg) for v in SOURCES]
