"""DuckDB storage versions: write serving files that DuckDB 1.4-based BI drivers can open.

DuckDB 1.5 picks the on-disk format of a new file at ATTACH time:
    ATTACH 'x.duckdb' AS target (STORAGE_VERSION 'v1.4.0')
It is recorded as a number in the file header (bytes 12-19, little-endian uint64, after
an 8-byte checksum and the magic `DUCK`): 64 = v1.0.0+ (the 1.5 default today), 65 =
v1.2.0, 66 = v1.3.0, 67 = v1.4.0, 68 = v1.5.0. DuckDB 1.4.5 opens 64-67 and refuses
68 ("can only read versions between 64 and 67"); checked with both libraries. Pinning
'v1.4.0' keeps the newest format 1.4 reads and does not depend on a future default.
An attached file also reports it: duckdb_databases().tags['storage_version'] ('v1.4.0+').
"""

from __future__ import annotations

import struct
from pathlib import Path

SERVING_STORAGE_VERSION = "v1.4.0"

# Highest storage number DuckDB 1.4 can read.
DUCKDB_1_4_MAX_STORAGE_NUMBER = 67

_MAGIC = b"DUCK"
_MAGIC_OFFSET = 8


def storage_number(path: str | Path) -> int:
    """The storage version number in a DuckDB file's header."""
    with open(path, "rb") as f:
        head = f.read(_MAGIC_OFFSET + len(_MAGIC) + 8)
    if head[_MAGIC_OFFSET : _MAGIC_OFFSET + len(_MAGIC)] != _MAGIC:
        raise ValueError(f"{path} is not a DuckDB database file")
    return struct.unpack_from("<Q", head, _MAGIC_OFFSET + len(_MAGIC))[0]


def readable_by_duckdb_1_4(path: str | Path) -> bool:
    return storage_number(path) <= DUCKDB_1_4_MAX_STORAGE_NUMBER
