"""Writing the hand-made landing files: JSON bodies, cut-off files, pages, days."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

RESTATED_DAYS = 3


def write_json(path: Path, body: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(body, indent=1))


def write_truncated(path: Path, body: Any) -> None:
    text = json.dumps(body)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text[: len(text) // 2])


def write_pages(folder: Path, key: str, records: list[dict], per_page: int, link: str) -> None:
    for number, start in enumerate(range(0, max(len(records), 1), per_page), 1):
        body: dict[str, Any] = {key: records[start : start + per_page]}
        if start + per_page < len(records):
            after = str(start + per_page)
            body["paging"] = {"next": {"after": after, "link": f"{link}?after={after}&limit=100"}}
        write_json(folder / f"page-{number:06d}.json", body)


def iso(day: str, hour: int = 10) -> str:
    return f"{day}T{hour:02d}:00:00.000Z"


def day_range(first: str, last: str) -> list[str]:
    start, end = date.fromisoformat(first), date.fromisoformat(last)
    return [(start + timedelta(n)).isoformat() for n in range((end - start).days + 1)]


def month_span(month: str, restate: bool) -> list[tuple[str, bool]]:
    """(day, restated) for a monthly export that repeats the previous month's end."""
    start = date.fromisoformat(f"{month}-01")
    end = (start.replace(day=28) + timedelta(4)).replace(day=1) - timedelta(1)
    days = [(d, False) for d in day_range(start.isoformat(), end.isoformat())]
    if restate:
        previous = [(start - timedelta(n)).isoformat() for n in range(RESTATED_DAYS, 0, -1)]
        days = [(d, True) for d in previous] + days
    return days
