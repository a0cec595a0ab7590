"""One dlt resource per raw table: read (files or API), validate in DuckDB, hand dlt parquet.

dlt gets each validated chunk as a parquet file (`dlt.mark.with_file_import`) that DuckDB
wrote, so no record passes through dlt's per-row Python normalizer; dlt still owns the
schema, the merge into `raw`, the load package's atomicity and the state (the landing
fingerprints) stored in the warehouse. Quarantined records are few and go as dicts into the
`_quarantine` table variant of the same resource.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass, field

import dlt
import duckdb
from dlt.extract.resource import DltResource

from ingestion import quarantine
from ingestion.config import IngestionConfig
from ingestion.contracts import TableContract
from ingestion.lineage import LINEAGE_COLUMNS, Lineage
from ingestion.schema_drift import EXTRA
from ingestion.validate import validate

log = logging.getLogger(__name__)

DLT_TYPES = {
    "VARCHAR": "text",
    "BIGINT": "bigint",
    "DOUBLE": "double",
    "BOOLEAN": "bool",
    "JSON": "json",
    "TIMESTAMPTZ": "timestamp",
}


@dataclass
class RunStats:
    """What one run did per table (Dagster metadata)."""

    rows: dict[str, int] = field(default_factory=dict)
    quarantined: dict[str, int] = field(default_factory=dict)
    files: dict[str, int] = field(default_factory=dict)
    # table -> the first quarantined records, each as "<file> <locator>: <reason>"
    examples: dict[str, list[str]] = field(default_factory=dict)


# Quarantined records named one by one in the log (and Dagster metadata) per table and run;
# the rest are counted. Every one of them is in raw._quarantine.
NAMED_PER_TABLE = 20


def _name_quarantined(contract: TableContract, rows: list[dict], stats: RunStats) -> None:
    """Log each quarantined record by source, landing file, locator and reason (field)."""
    named = stats.examples.setdefault(contract.name, [])
    for q in rows:
        if len(named) >= NAMED_PER_TABLE:
            return
        where = f"{q['_file']} {q['locator']}".rstrip()
        named.append(f"{where}: {q['reason']}")
        source = f"{contract.name} ({contract.source})"
        log.warning("quarantined %s %s: %s", source, where, q["reason"])


def column_hints(contract: TableContract, types: dict[str, str]) -> dict[str, dict]:
    cols: dict[str, dict] = {}
    for name, typ in types.items():
        col: dict = {"data_type": DLT_TYPES[typ]}
        if name in contract.key:
            col.update(primary_key=True, nullable=False)
        if name == contract.order:
            col["dedup_sort"] = contract.order_dir
        cols[name] = col
    cols.update({k: dict(v) for k, v in LINEAGE_COLUMNS.items()})
    return cols


def raw_types(contract: TableContract) -> dict[str, str]:
    """Every column of a contract's raw table -> DuckDB type (lineage and `_extra` included)."""
    types = {f.column: f.type for f in contract.fields if f.output}
    types.update({d.column: d.type for d in contract.derived})
    types.update({EXTRA: "JSON", "_source": "VARCHAR", "_batch_id": "VARCHAR"})
    types.update({"_loaded_at": "TIMESTAMPTZ", "_file": "VARCHAR"})
    return types


def base_hints(contract: TableContract) -> dict:
    types = raw_types(contract)
    return {
        "table_name": contract.name,
        "write_disposition": {"disposition": "merge", "strategy": "delete-insert"},
        "primary_key": list(contract.key),
        "columns": column_hints(contract, types),
    }


def _duckdb(cfg: IngestionConfig, spool) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(
        config={
            "memory_limit": cfg.duckdb_memory_limit,
            "temp_directory": str(spool / "tmp"),
            "threads": max(1, os.cpu_count() or 1),
            "preserve_insertion_order": True,
        }
    )


def _extract(contract: TableContract, provider, cfg: IngestionConfig, stats: RunStats) -> Iterator:
    lin = Lineage.current(provider.kind)
    # Files: landing fingerprints; API: high-water marks. Committed with the load (dlt state).
    seen: dict[str, str] = dlt.current.resource_state().setdefault(provider.state_key, {})
    spool = cfg.dlt_dir / "spool" / contract.source / lin.batch_id / contract.name
    spool.mkdir(parents=True, exist_ok=True)
    con = _duckdb(cfg, spool)
    stats.rows.setdefault(contract.name, 0)
    stats.quarantined.setdefault(contract.name, 0)
    allowed = provider.enums(contract)
    try:
        for i, chunk in enumerate(provider.chunks(seen)):
            bad_files = chunk.fill(con)
            rows = [quarantine.unreadable(contract, lin, rel, msg) for rel, msg in bad_files]
            out = spool / f"part-{i:05d}.parquet"
            result = validate(
                con,
                contract,
                out=out,
                lineage=lin.as_sql_values(),
                load_ts=lin.loaded_at_iso,
                min_records_for_schema=chunk.min_records,
                enums=allowed,
                window=cfg.time_window,
            )
            if result.rows:
                hints = dlt.mark.make_hints(columns=column_hints(contract, result.columns))
                yield dlt.mark.with_file_import(str(out), "parquet", result.rows, hints=hints)
            rows += [
                quarantine.row(
                    contract,
                    lin,
                    file=q["_file"],
                    reason=q["reason"],
                    locator=q["locator"],
                    payload=q["payload"],
                    record_key=q["record_key"],
                )
                for q in result.quarantine
            ]
            if rows:
                _name_quarantined(contract, rows, stats)
                yield dlt.mark.with_table_name(rows, quarantine.TABLE)
            seen.update(chunk.commit)
            stats.rows[contract.name] += result.rows
            stats.quarantined[contract.name] += len(rows)
            stats.files[contract.name] = stats.files.get(contract.name, 0) + len(chunk.commit)
    finally:
        con.close()
    log.info(
        "%s: %d rows, %d quarantined",
        contract.name,
        stats.rows[contract.name],
        stats.quarantined[contract.name],
    )


def table_resource(
    contract: TableContract, provider, cfg: IngestionConfig, stats: RunStats | None = None
) -> DltResource:
    stats = stats if stats is not None else RunStats()
    resource = dlt.resource(_extract(contract, provider, cfg, stats), name=contract.name)
    # The quarantine variant must be declared before the table's own hints: a new variant
    # starts as a copy of the resource's hints, and must not inherit its key columns.
    resource.apply_hints(create_table_variant=True, **quarantine.HINTS)
    hints = base_hints(contract)
    resource.apply_hints(**hints)
    return resource
