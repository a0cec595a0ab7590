"""Rows of `raw._quarantine`: records that broke their contract and files that could not be read.

Every vendor's resources write to the same table, keyed by `quarantine_id` (insert-only), so
re-reading a bad record never adds a second row.
"""

from __future__ import annotations

import hashlib

from ingestion.contracts import TableContract
from ingestion.lineage import LINEAGE_COLUMNS, Lineage

TABLE = "_quarantine"

COLUMNS = {
    "quarantine_id": {"data_type": "text", "nullable": False},
    "source": {"data_type": "text"},
    "table_name": {"data_type": "text"},
    "reason_kind": {"data_type": "text"},
    "reason": {"data_type": "text"},
    "locator": {"data_type": "text"},
    "record_key": {"data_type": "text"},
    "payload": {"data_type": "text"},
    **LINEAGE_COLUMNS,
}
HINTS = {
    "table_name": TABLE,
    "write_disposition": {"disposition": "merge", "strategy": "insert-only"},
    "primary_key": "quarantine_id",
    "columns": COLUMNS,
}


def row(
    contract: TableContract,
    lineage: Lineage,
    *,
    file: str,
    reason: str,
    locator: str = "",
    payload: str = "",
    record_key: str | None = None,
) -> dict:
    kind = reason.split(":", 1)[0].strip()
    qid = hashlib.md5(f"{contract.name}|{file}|{locator}|{kind}".encode()).hexdigest()
    return {
        "quarantine_id": qid,
        "source": contract.source,
        "table_name": contract.name,
        "reason_kind": kind,
        "reason": reason,
        "locator": locator,
        "record_key": record_key,
        "payload": payload,
        **lineage.row(file),
    }


def unreadable(contract: TableContract, lineage: Lineage, file: str, message: str) -> dict:
    return row(contract, lineage, file=file, reason=f"unreadable_file: {message}")
