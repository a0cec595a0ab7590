"""dlt sources: one per vendor, one resource per raw table, files or API chosen by config."""

from __future__ import annotations

import dlt
from dlt.extract.source import DltSource

from ingestion.config import IngestionConfig
from ingestion.contracts import TableContract, contracts_of
from ingestion.providers import FilesProvider
from ingestion.resources import RunStats, table_resource


def provider_for(contract: TableContract, cfg: IngestionConfig):
    if cfg.mode(contract.source) == "fivetran":
        from ingestion.fivetran.provider import FivetranProvider  # lazily, as the API path

        return FivetranProvider.for_table(contract)
    if cfg.mode(contract.source) == "api":
        from ingestion.api import registry  # imported lazily: the files path needs no HTTP

        provider = registry.provider_for(contract, cfg.vendors[contract.source])
        if provider is not None:
            return provider
        # No API endpoint for this table (SendGrid events are pushed to our webhook
        # receiver, which lands them as files): read the landing folder.
    return FilesProvider.for_table(contract, cfg)


def vendor_source(
    vendor: str,
    cfg: IngestionConfig,
    stats: RunStats | None = None,
    tables: list[str] | None = None,
) -> DltSource:
    contracts = [c for c in contracts_of(vendor) if tables is None or c.name in tables]

    # max_table_nesting=0: nested data stays JSON in its column, never a child table.
    @dlt.source(name=f"raw_{vendor}", max_table_nesting=0, root_key=False)
    def _source():
        return [table_resource(c, provider_for(c, cfg), cfg, stats) for c in contracts]

    return _source()
