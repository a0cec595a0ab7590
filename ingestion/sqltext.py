"""SQL text for values and vendor field paths, as the validator writes them into queries."""

from __future__ import annotations


def lit(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def json_path(path: str) -> str:
    return "$." + ".".join('"' + p.replace('"', '\\"') + '"' for p in path.split("."))
