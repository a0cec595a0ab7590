"""Reading the landing folder: tolerant of damaged files, cached per data set."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


def read_json(path: Path) -> Any | None:
    """The parsed file, or None when it cannot be read.

    Landing folders hold injected defects (truncated JSON, bad encodings); the
    vendor behind the API still answers, so a damaged file is simply absent.
    """
    try:
        return json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None


def sorted_files(folder: Path, pattern: str) -> list[Path]:
    """Files matching `pattern` below `folder`, in path order (export order)."""
    if not folder.is_dir():
        return []
    return sorted((p for p in folder.glob(pattern) if p.is_file()), key=lambda p: p.parts)


def subfolders(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_dir())


def list_field(body: Any, key: str) -> list[dict]:
    """The dict records under `key` of a page body; anything else is skipped."""
    if not isinstance(body, dict) or not isinstance(body.get(key), list):
        return []
    return [r for r in body[key] if isinstance(r, dict)]


class LandingStore:
    """Builds each vendor data set on first use, so a large folder starts fast."""

    def __init__(self, root: str | Path):
        self.root = Path(root)
        self._cache: dict[str, Any] = {}
        # Re-entrant: one data set may be derived from another while building.
        self._lock = threading.RLock()

    def get(self, key: str, build: Callable[[Path], T]) -> T:
        with self._lock:
            if key not in self._cache:
                self._cache[key] = build(self.root)
            return self._cache[key]
