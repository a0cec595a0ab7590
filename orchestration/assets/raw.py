"""The raw layer as Dagster assets: one dlt multi-asset per vendor, one asset per raw table.

`dagster_dlt.dlt_assets` builds the specs (keys `raw/<table>`, groups crm/ads/email/web/
targets, the warehouse pool). The body runs our own runner instead of `DagsterDltResource`
because config is read at run time (tests and the sensor set it through the environment)
and because the quarantine table is written by every resource without being an asset.
"""

from dagster import (
    AssetExecutionContext,
    AssetKey,
    AssetsDefinition,
    AssetSpec,
    MaterializeResult,
    MetadataValue,
)
from dagster_dlt import DagsterDltTranslator, dlt_assets
from dagster_dlt.translator import DltResourceTranslatorData

from closedloop.settings import WAREHOUSE_POOL
from ingestion.config import IngestionConfig
from ingestion.contracts import BY_NAME, SOURCES
from ingestion.pipeline import make_pipeline, run_vendor
from ingestion.sources import vendor_source


class RawTranslator(DagsterDltTranslator):
    def get_asset_spec(self, data: DltResourceTranslatorData) -> AssetSpec:
        contract = BY_NAME[data.resource.name]
        return (
            super()
            .get_asset_spec(data)
            .replace_attributes(
                key=AssetKey(["raw", contract.name]),
                group_name=contract.group,
                deps=[],
                description=f"{contract.description} Columns: docs/raw-tables.md.",
                kinds={"dlt", "duckdb"},
            )
        )


def _vendor_assets(vendor: str, cfg: IngestionConfig) -> AssetsDefinition:
    @dlt_assets(
        dlt_source=vendor_source(vendor, cfg),
        dlt_pipeline=make_pipeline(vendor, cfg),
        name=f"raw_{vendor}",
        dagster_dlt_translator=RawTranslator(),
        pool=WAREHOUSE_POOL,
    )
    def _assets(context: AssetExecutionContext):
        tables = [key.path[-1] for key in context.selected_asset_keys]
        run_cfg = IngestionConfig.from_env()
        run = run_vendor(vendor, run_cfg, tables)
        load_ids = list(run.load_info.loads_ids)
        for key in context.selected_asset_keys:
            table = key.path[-1]
            yield MaterializeResult(
                asset_key=key,
                metadata={
                    "rows_extracted": run.stats.rows.get(table, 0),
                    "rows_quarantined": run.stats.quarantined.get(table, 0),
                    # "<landing file> <locator>: <reason>", the first ones of this run.
                    "quarantined_records": MetadataValue.json(run.stats.examples.get(table, [])),
                    "files_read": run.stats.files.get(table, 0),
                    # Nothing ever loaded: the table was created empty (docs/real-inputs.md §5).
                    "created_empty": table in run.created_empty,
                    "mode": run_cfg.mode(vendor),
                    "dlt_load_ids": ", ".join(load_ids) or "none",
                },
            )

    return _assets


def build_raw_assets(cfg: IngestionConfig | None = None) -> list[AssetsDefinition]:
    cfg = cfg or IngestionConfig.from_env()
    return [_vendor_assets(vendor, cfg) for vendor in SOURCES]


raw_assets = build_raw_assets()
