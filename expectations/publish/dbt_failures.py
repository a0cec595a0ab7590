"""The failing rows of a failed dbt test, as dbt stored them (`store_failures`, as views).

dbt_project.yml stores every data test's failures as a view in schema `dbt_test__audit`;
the manifest names the view (`relation_name`) of each test by its unique id. The gate
quotes a few of those rows so that a held-back table names its offending records (keys,
and the landing file `_file` where the tested model carries it).
"""

from __future__ import annotations

import json
import logging
from functools import lru_cache
from pathlib import Path

log = logging.getLogger(__name__)

SAMPLE_ROWS = 5


@lru_cache(maxsize=4)
def _relations(manifest_path: Path, mtime: float) -> dict[str, str]:
    nodes = json.loads(manifest_path.read_text()).get("nodes", {})
    # relation_name is "database"."schema"."name"; the database is the file name the
    # project was parsed against, so keep schema and name only.
    return {
        uid: ".".join(node["relation_name"].split(".")[-2:])
        for uid, node in nodes.items()
        if node.get("resource_type") == "test" and node.get("relation_name")
    }


def failure_relation(manifest_path: str | Path, unique_id: str) -> str | None:
    """The view dbt stored the failing rows of test `unique_id` in ('schema.name')."""
    path = Path(manifest_path)
    if not path.exists():
        return None
    return _relations(path, path.stat().st_mtime).get(unique_id)


def failing_rows(
    connection, manifest_path: str | Path, unique_id: str, limit: int = SAMPLE_ROWS
) -> list[dict]:
    """Up to `limit` failing rows of the test `unique_id`; [] when dbt did not keep them."""
    relation = failure_relation(manifest_path, unique_id)
    if relation is None:
        return []
    try:
        cursor = connection.execute(f"select * from {relation} limit {int(limit)}")
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    except Exception as error:  # the rows are an explanation, never a reason to fail
        log.warning("failing rows of %s not readable: %s", unique_id, error)
        return []
