"""What the APIs should serve, computed from the landing files without the fake's code.

Written differently on purpose: newest files are walked first and the first
record seen for a key wins, where the fake walks oldest first and overwrites.
"""

from __future__ import annotations

import json
from pathlib import Path


def _load(path: Path):
    try:
        return json.loads(path.read_text())
    except ValueError:
        return None


def _newest_first(folder: Path, pattern: str) -> list[Path]:
    return sorted(folder.glob(pattern), reverse=True)


def hubspot_current(landing: Path, obj: str) -> dict[str, dict]:
    """id -> newest record, without merged-away or archived objects."""
    newest: dict[str, dict] = {}
    for page in _newest_first(landing / "hubspot" / obj, "*/page-*.json"):
        for rec in (_load(page) or {}).get("results", []):
            if rec.get("id") is not None:  # id-less oddities cannot be compared by id
                newest.setdefault(str(rec["id"]), rec)
    gone = {
        m
        for rec in newest.values()
        for m in ((rec.get("properties") or {}).get("hs_merged_object_ids") or "").split(";")
        if m
    }
    return {i: r for i, r in newest.items() if i not in gone and not r.get("archived")}


def google_rows(landing: Path, customer: str) -> dict[tuple[str, str], dict]:
    """(campaign id, date) -> the row from the newest monthly export."""
    rows: dict[tuple[str, str], dict] = {}
    folder = landing / "google_ads" / "campaign_report" / customer
    for page in _newest_first(folder, "*/page-*.json"):
        for row in (_load(page) or {}).get("results", []):
            key = ((row.get("campaign") or {}).get("id"), (row.get("segments") or {}).get("date"))
            if None not in key:
                rows.setdefault(key, row)
    return rows


def meta_rows(landing: Path, account: str) -> dict[tuple[str, str], dict]:
    rows: dict[tuple[str, str], dict] = {}
    folder = landing / "meta_ads" / "insights" / f"act_{account}"
    for page in _newest_first(folder, "*/page-*.json"):
        for row in (_load(page) or {}).get("data", []):
            key = (row.get("campaign_id"), row.get("date_start"))
            if None not in key:
                rows.setdefault(key, row)
    return rows
