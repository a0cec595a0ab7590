"""Which warehouse tables the serving file holds: what BI reads.

Declared once, in dbt: the exposure `bi_serving_file` of dbt_project/models/exposures.yml
lists every published model (docs/bi-contract.md §4). Everything else (int_*, metrics_*
helpers, the MetricFlow time spine, staging, raw) stays in the warehouse.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from pathlib import Path

import yaml

from closedloop.settings import DBT_PROJECT_DIR

EXPOSURE = "bi_serving_file"
_REF = re.compile(r"""^\s*ref\(\s*['"]([A-Za-z0-9_]+)['"]\s*\)\s*$""")


@functools.cache
def published_models(project: Path = DBT_PROJECT_DIR) -> tuple[str, ...]:
    """The model names the exposure `bi_serving_file` depends on, in its order."""
    path = project / "models" / "exposures.yml"
    exposures = (yaml.safe_load(path.read_text()) or {}).get("exposures") or []
    found = [e for e in exposures if e.get("name") == EXPOSURE]
    if len(found) != 1:
        raise ValueError(f"{path}: exactly one exposure named {EXPOSURE!r} expected")
    names = []
    for item in found[0].get("depends_on") or []:
        match = _REF.match(str(item))
        if not match:
            raise ValueError(f"{path}: {item!r} is not ref('<model>')")
        names.append(match.group(1))
    return tuple(names)


def published_tables(model_tables: Iterable[str], project: Path = DBT_PROJECT_DIR) -> list[str]:
    """The tables to publish among the project's model tables ('schema.table')."""
    wanted = set(published_models(project))
    return sorted(t for t in set(model_tables) if t.partition(".")[2] in wanted)


@functools.cache
def declared_pii(project: Path = DBT_PROJECT_DIR) -> dict[str, frozenset[str]]:
    """model -> the columns its yml declares personal data (`meta: {pii: true}`)."""
    out: dict[str, frozenset[str]] = {}
    for path in sorted((project / "models").rglob("*.yml")):
        for model in (yaml.safe_load(path.read_text()) or {}).get("models") or []:
            columns = {
                c["name"]
                for c in model.get("columns") or []
                if (
                    (c.get("meta") or {}).get("pii")
                    or ((c.get("config") or {}).get("meta") or {}).get("pii")
                )
            }
            if columns:
                out[model["name"]] = frozenset(columns)
    return out
