"""Rows of `raw._quarantine`: records that broke their contract and files that could not be read.

Every vendor's resources write to the same table, keyed by `quarantine_id` (insert-only), so
re-reading a bad record never adds a second row.
"""

from __future__ import annotations

import hashlib
import re

from ingestion.contracts import TableContract
from ingestion.lineage import LINEAGE_COLUMNS, Lineage

TABLE = "_quarantine"

# An absolute POSIX path inside a message (not part of a URL): at least two levels.
_ABSOLUTE = re.compile(r"(?<![\w:/.~-])/(?:[^\s'\"/]+/)+[^\s'\",;:)]*")


def relative_paths(message: str, file: str) -> str:
    """`message` with absolute paths replaced: the landing file by its landing-relative path
    `file`, any other by `.../<name>` (reasons never expose where the landing folder is)."""

    def shorten(m: re.Match) -> str:
        path = m.group(0)
        if file and (path == file or path.endswith("/" + file)):
            return file
        return ".../" + path.rstrip("/").rsplit("/", 1)[-1]

    return _ABSOLUTE.sub(shorten, message)


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
    if not locator:  # a file's reason may hold a reader's message; a record's holds values
        reason = relative_paths(reason, file)
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
