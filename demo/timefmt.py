"""Fast UTC timestamp formatting for the hot loops (datetime is too slow at 50M calls)."""

from __future__ import annotations

from datetime import UTC, datetime

_DAY_CACHE: dict[int, str] = {}


def day_str(ts: int) -> str:
    """YYYY-MM-DD of a unix second timestamp."""
    d = ts // 86400
    s = _DAY_CACHE.get(d)
    if s is None:
        s = datetime.fromtimestamp(d * 86400, UTC).strftime("%Y-%m-%d")
        _DAY_CACHE[d] = s
    return s


def iso_ms(ts_ms: int) -> str:
    """2025-01-03T10:11:12.123Z of a unix millisecond timestamp."""
    secs, ms = divmod(ts_ms, 1000)
    d, rem = divmod(secs, 86400)
    h, rem = divmod(rem, 3600)
    m, s = divmod(rem, 60)
    s_day = _DAY_CACHE.get(d)
    if s_day is None:
        s_day = day_str(d * 86400)
    return f"{s_day}T{h:02d}:{m:02d}:{s:02d}.{ms:03d}Z"


def iso(ts: int) -> str:
    return iso_ms(ts * 1000)


def iso_truth(ts: int | None) -> str:
    """Truth files use plain ISO-8601 UTC seconds; empty when never happened."""
    if ts is None:
        return ""
    return iso_ms(ts * 1000)[:19] + "Z"
