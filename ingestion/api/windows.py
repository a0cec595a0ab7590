"""Report date windows of the ad APIs: full history first, then the restatement window."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from ingestion.config import VendorConfig


def today() -> date:
    return datetime.now(UTC).date()


def report_window(vendor: VendorConfig, last_loaded: str | None) -> tuple[date, date] | None:
    """(first, last) day to request, inclusive; None when there is nothing to ask for.

    The first run reads from `start_date`; later runs re-read `restatement_days` days
    before the last loaded day, because the platforms restate recent metrics.
    """
    start = date.fromisoformat(vendor.start_date)
    end = date.fromisoformat(vendor.end_date) if vendor.end_date else today()
    if last_loaded:
        restated = date.fromisoformat(last_loaded) - timedelta(days=vendor.restatement_days)
        start = max(start, restated)
    return (start, end) if start <= end else None


def months(first: date, last: date) -> list[tuple[date, date]]:
    """The window split at month boundaries (small responses, one label per month)."""
    out = []
    cur = first
    while cur <= last:
        nxt = (cur.replace(day=1) + timedelta(days=32)).replace(day=1)
        out.append((cur, min(last, nxt - timedelta(days=1))))
        cur = nxt
    return out


def newest_day(days: list[str], current: str | None) -> str | None:
    """The high-water mark after a run: the newest loaded day that is not in the future."""
    limit = today().isoformat()
    valid = [d for d in days if isinstance(d, str) and len(d) == 10 and d <= limit]
    return max([*valid, *([current] if current else [])], default=None)
