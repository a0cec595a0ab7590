"""Empty typed raw tables for sources that never loaded (docs/real-inputs.md §5).

A company that does not use a vendor has no files for it, so dlt never creates its raw
tables, and the staging views over them would not compile. After each vendor run,
`ensure_raw_tables` creates every table of the vendor that does not exist yet, empty, with
the columns dlt would have created from the same hints (`base_hints`: the contract's output
fields, derived columns, `_extra`, the lineage columns; key and lineage columns NOT NULL).
File-imported raw tables carry no `_dlt_load_id` / `_dlt_id`, so neither do these.

An existing table is never touched, so this is idempotent. A later real load merges into
the empty table as into any other: dlt compares its schema with the tables in the
warehouse and only adds the columns that are missing.
"""

from __future__ import annotations

import dlt

from ingestion.contracts import TableContract
from ingestion.resources import base_hints
from ingestion.schema_drift import EXTRA

# dlt data type -> the DuckDB type dlt's duckdb destination creates for it.
DUCKDB_TYPES = {
    "text": "VARCHAR",
    "bigint": "BIGINT",
    "double": "DOUBLE",
    "bool": "BOOLEAN",
    "json": "JSON",
    "timestamp": "TIMESTAMP WITH TIME ZONE",
}


def raw_columns(contract: TableContract) -> dict[str, dict]:
    """The dlt column hints of a contract's raw table, `_extra` included."""
    columns = {name: dict(hints) for name, hints in base_hints(contract)["columns"].items()}
    columns.setdefault(EXTRA, {"data_type": "json"})
    return columns


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def create_table_sql(contract: TableContract, dataset: str) -> str:
    columns = ",\n    ".join(
        f"{_quoted(name)} {DUCKDB_TYPES[hints['data_type']]}"
        + ("" if hints.get("nullable", True) else " NOT NULL")
        for name, hints in raw_columns(contract).items()
    )
    return (
        f"CREATE TABLE IF NOT EXISTS {_quoted(dataset)}.{_quoted(contract.name)} (\n"
        f"    {columns}\n)"
    )


def ensure_raw_tables(pipeline: dlt.Pipeline, contracts: list[TableContract]) -> list[str]:
    """Create each contract's raw table that does not exist yet; return the names created."""
    if not contracts:
        return []
    dataset = pipeline.dataset_name
    with pipeline.sql_client() as client:
        existing = {
            name
            for (name,) in client.execute_sql(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = ?",
                dataset,
            )
        }
        missing = [c for c in contracts if c.name not in existing]
        if missing:
            client.execute_sql(f"CREATE SCHEMA IF NOT EXISTS {_quoted(dataset)}")
        for contract in missing:
            client.execute_sql(create_table_sql(contract, dataset))
    return [c.name for c in missing]
