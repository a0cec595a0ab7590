"""Reading the simulator's truth for the lifecycle tests: truth CSV rows, its timestamps, and
the warehouse's timestamps cut to the second the truth keeps.
"""

from __future__ import annotations

import csv
from datetime import datetime

STAGES = ("lead", "mql", "sal", "sql", "opportunity", "customer", "evangelist")


def truth_rows(tiny, name: str) -> list[dict]:
    with open(tiny.truth / name, newline="") as fh:
        return list(csv.DictReader(fh))


def ts(value: str) -> datetime | None:
    return datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ") if value else None


def to_second(value: datetime | None) -> datetime | None:
    return value.replace(microsecond=0) if value is not None else None
