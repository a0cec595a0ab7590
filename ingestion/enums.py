"""Enums whose allowed values the source itself defines (e.g. HubSpot deal stages).

A deal's `dealstage` must be a stage id of one of the deal pipelines; those are read from the
same source and the same way in (landing file or API) as the deals themselves. When the
definition is unavailable the check is skipped (logged), never guessed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import orjson

log = logging.getLogger(__name__)


def deal_stages_from_pipelines(pipelines: list[dict]) -> tuple[str, ...]:
    return tuple(
        sorted(
            {
                str(s["id"])
                for p in pipelines
                for s in p.get("stages") or []
                if isinstance(s, dict) and s.get("id") is not None
            }
        )
    )


def _hubspot_deal_stages_files(landing: Path) -> tuple[str, ...] | None:
    path = landing / "hubspot" / "pipelines" / "deals.json"
    try:
        return deal_stages_from_pipelines(orjson.loads(path.read_bytes())["results"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("deal stage check skipped: cannot read %s (%s)", path, exc)
        return None


FILE_RESOLVERS: dict[str, Callable[[Path], tuple[str, ...] | None]] = {
    "hubspot_deal_stages": _hubspot_deal_stages_files,
}


def refs(contract) -> set[str]:
    return {f.enum_ref for f in contract.fields if f.enum_ref}


def resolve_files(contract, landing: Path) -> dict[str, tuple[str, ...]]:
    out = {}
    for ref in refs(contract):
        values = FILE_RESOLVERS[ref](landing)
        if values:
            out[ref] = values
    return out
