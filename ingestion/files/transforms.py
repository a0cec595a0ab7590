"""Reshape a layout's records into the table's records (docs/real-inputs.md §4).

A transform maps one record (a parsed payload) to any number of `(locator suffix, record)`
pairs: none to skip it (e.g. a HubSpot NOTE in a calls table), several to unpivot (a day of
ECB rates). A payload that is not JSON is kept as it is, so the validator quarantines it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import duckdb
import orjson

from ingestion.files import ecb, hubspot_v1

Transform = Callable[[Any], list[tuple[str, Any]]]

TRANSFORMS: dict[str, Transform] = {
    "ecb_fx": ecb.usd_rows,
    **{f"hubspot_v1_{o}": hubspot_v1.mapper(o) for o in hubspot_v1.TABLE_TYPES},
}


def apply_transform(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Rewrite the temp table `recs` through the transform `name`."""
    fn = TRANSFORMS[name]
    files, locators, payloads = [], [], []
    for file, locator, payload in con.execute(
        "SELECT _file, locator, payload FROM recs"
    ).fetchall():
        try:
            record = orjson.loads(payload)
        except orjson.JSONDecodeError:
            out = [("", None)]
        else:
            out = [(suffix, orjson.dumps(new).decode()) for suffix, new in fn(record)]
        for suffix, text in out:
            files.append(file)
            locators.append(locator + suffix)
            payloads.append(payload if text is None else text)
    con.execute(
        "CREATE OR REPLACE TEMP TABLE recs AS SELECT unnest(?::VARCHAR[]) AS _file, "
        "unnest(?::VARCHAR[]) AS locator, unnest(?::VARCHAR[]) AS payload",
        [files, locators, payloads],
    )
