"""Which landing files are new or changed since the last successful load.

The fingerprints (path, size, mtime, content hash) live in the dlt resource state, which dlt
commits to `raw._dlt_pipeline_state` in the same load package as the rows: a file counts as
loaded exactly when its rows are, and a fresh machine restores the state from the warehouse.
Hashing is skipped when size and mtime are unchanged, so an idle run reads no file bytes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path

GZ = ".gz"
# A gzip file is parsed at several times its size: it weighs this much in a chunk's budget.
GZ_WEIGHT = 8


@dataclass(frozen=True)
class LandingFile:
    rel: str  # path relative to the landing folder, '/'-separated (the `_file` lineage value)
    path: Path
    size: int
    mtime_ns: int

    @property
    def gzipped(self) -> bool:
        return self.rel.endswith(GZ)

    @property
    def weight(self) -> int:
        return self.size * (GZ_WEIGHT if self.gzipped else 1)


def list_files(landing: Path, pattern: str) -> list[LandingFile]:
    """Files matching `pattern`, or `pattern` + ".gz" (one glob; the name is then checked)."""
    out = []
    name = pattern.rsplit("/", 1)[-1]
    for path in sorted(landing.glob(pattern + "*")):
        if not (fnmatchcase(path.name, name) or fnmatchcase(path.name, name + GZ)):
            continue
        if not path.is_file() or path.name.startswith("."):
            continue  # a webhook receiver's temp file is not a landed file yet
        st = path.stat()
        out.append(
            LandingFile(path.relative_to(landing).as_posix(), path, st.st_size, st.st_mtime_ns)
        )
    return out


def content_hash(path: Path) -> str:
    digest = hashlib.blake2b(digest_size=16)
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def fingerprint(f: LandingFile, digest: str) -> str:
    return f"{f.size}:{f.mtime_ns}:{digest}"


def pending(
    files: list[LandingFile], seen: dict[str, str]
) -> tuple[list[tuple[LandingFile, str]], dict[str, str]]:
    """(files to load with their fingerprints, fingerprints to refresh without loading)."""
    load, touch = [], {}
    for f in files:
        old = seen.get(f.rel)
        if old is not None:
            size, mtime, digest = old.split(":", 2)
            if int(size) == f.size and int(mtime) == f.mtime_ns:
                continue
        try:
            new_digest = content_hash(f.path)
        except OSError:
            new_digest = "unreadable"
        if old is not None and old.split(":", 2)[2] == new_digest != "unreadable":
            touch[f.rel] = fingerprint(f, new_digest)  # touched, same bytes: nothing to load
            continue
        load.append((f, fingerprint(f, new_digest)))
    return load, touch


def chunks(
    files: list[tuple[LandingFile, str]], max_bytes: int, max_files: int = 2000
) -> list[list[tuple[LandingFile, str]]]:
    """Groups of files whose sizes add up to about `max_bytes` (one DuckDB pass each)."""
    out: list[list[tuple[LandingFile, str]]] = []
    cur: list[tuple[LandingFile, str]] = []
    size = 0
    for item in files:
        if cur and (size + item[0].weight > max_bytes or len(cur) >= max_files):
            out.append(cur)
            cur, size = [], 0
        cur.append(item)
        size += item[0].weight
    if cur:
        out.append(cur)
    return out
