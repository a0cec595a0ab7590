"""The published tables and their grain, read from the dbt project's files.

`published()` is `expectations.publish.tables.published_tables` over every dbt model
('schema.table'; the schema from the model's `config(schema=...)` or its folder's `+schema`
in dbt_project.yml), so a new mart is known here as soon as its SQL file exists — the
suites package generates a value-range suite for each published table no suite module
checks (see expectations/suites/__init__.py). `grain(model)` is the key each model's yml
documents and tests (`unique_combination_of_columns`, or a column tested `unique`): the
columns a failing row is shown with.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import yaml

from closedloop.settings import DBT_PROJECT_DIR
from expectations.publish.tables import published_tables

_SCHEMA_CONFIG = re.compile(r"config\s*\([^)]*\bschema\s*=\s*['\"]([A-Za-z0-9_]+)['\"]")


def _folder_schemas(project: Path) -> dict[tuple[str, ...], str]:
    """models/<folders> -> the `+schema` dbt_project.yml gives them (nearest folder wins)."""
    config = yaml.safe_load((project / "dbt_project.yml").read_text()) or {}
    name = config.get("name")
    out: dict[tuple[str, ...], str] = {}

    def walk(node: dict, path: tuple[str, ...]) -> None:
        for key, value in node.items():
            if key == "+schema":
                out[path] = str(value)
            elif isinstance(value, dict) and not key.startswith("+"):
                walk(value, (*path, key))

    walk((config.get("models") or {}).get(name) or {}, ())
    return out


@functools.cache
def model_tables(project: Path = DBT_PROJECT_DIR) -> tuple[str, ...]:
    """'schema.table' of every model SQL file of the dbt project."""
    schemas = _folder_schemas(project)
    models = project / "models"
    out = []
    for sql in sorted(models.rglob("*.sql")):
        folders = sql.relative_to(models).parent.parts
        found = _SCHEMA_CONFIG.search(sql.read_text())
        schema = found.group(1) if found else None
        for depth in range(len(folders), -1, -1):
            if schema is None and folders[:depth] in schemas:
                schema = schemas[folders[:depth]]
        out.append(f"{schema or 'main'}.{sql.stem}")
    return tuple(out)


def published(project: Path = DBT_PROJECT_DIR) -> list[str]:
    return published_tables(model_tables(project))


def _tests(node: dict) -> list:
    return list(node.get("data_tests") or []) + list(node.get("tests") or [])


def _unique_combination(test) -> list[str] | None:
    if not isinstance(test, dict):
        return None
    for name, body in test.items():
        if name.split(".")[-1] == "unique_combination_of_columns" and isinstance(body, dict):
            columns = (body.get("arguments") or body).get("combination_of_columns")
            return list(columns) if columns else None
    return None


@functools.cache
def _grains(project: Path = DBT_PROJECT_DIR) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for path in sorted((project / "models").rglob("*.yml")):
        for model in (yaml.safe_load(path.read_text()) or {}).get("models") or []:
            key = next(filter(None, map(_unique_combination, _tests(model))), None)
            if key is None:
                key = [
                    c["name"]
                    for c in model.get("columns") or []
                    if "unique" in [t if isinstance(t, str) else next(iter(t)) for t in _tests(c)]
                ][:1]
            if key:
                out[model["name"]] = tuple(key)
    return out


def grain(table: str, project: Path = DBT_PROJECT_DIR) -> tuple[str, ...]:
    """The documented key of `table` ('schema.table'); () when its yml tests none."""
    return _grains(project).get(table.partition(".")[2], ())
