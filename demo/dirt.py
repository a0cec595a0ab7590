"""Where the demo company's exports get dirty, and the list of every defect injected.

Benign dirt (duplicates, late events, email casing, merged contacts) is decided while the
story is written. Malformed records are added afterwards by `malformed.py`, always as extra
records, so the truth of real entities never changes.
"""

from __future__ import annotations

import random
from collections.abc import Callable

BENIGN_KINDS = (
    "duplicate_delivery",
    "duplicate_message",
    "late_arrival",
    "email_casing",
    "merged_contact",
)
MALFORMED_KINDS = (
    "truncated_json",
    "wrong_type",
    "unknown_stage",
    "negative_spend",
    "missing_id",
    "future_timestamp",
    "unreadable_file",
)


class Dirt:
    def __init__(self, rng: random.Random, rate: float, force: bool, sink: Callable[[tuple], None]):
        self.rng = rng
        self.rate = rate
        # The first shard plants one of each kind early, so even `tiny` shows every defect.
        self.pending = set(BENIGN_KINDS) if (force and rate > 0) else set()
        self.sink = sink

    def hit(self, kind: str) -> bool:
        if self.pending and kind in self.pending:
            self.pending.discard(kind)
            return True
        return self.rng.random() < self.rate

    def record(self, source: str, file: str, locator, defect: str, detail: str) -> None:
        self.sink((source, file, locator, defect, detail))
