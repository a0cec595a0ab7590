"""SendGrid event-webhook POST bodies (JSON arrays) and the single sends listing.

Batch numbers are per shard (shard * 10000 + n), so shards never coordinate and the
output does not depend on how many worker processes ran them.
"""

from __future__ import annotations

import os

import orjson

from ..timefmt import day_str, iso

FLUSH_BYTES = 24 << 20


class SendgridWriter:
    def __init__(self, out_dir: str, shard: int, batch_size: int):
        self.root = os.path.join(out_dir, "sendgrid", "events")
        self.shard = shard
        self.batch_size = batch_size
        self.buf: dict[int, list[bytes]] = {}
        self.batches: dict[int, int] = {}
        self.size = 0
        self.records = 0

    def add(self, day: int, event: bytes) -> tuple[int, int]:
        """Queue one event for the webhook POSTs of `day`; returns (batch number, array index)."""
        lst = self.buf.get(day)
        if lst is None:
            lst = self.buf[day] = []
        lst.append(event)
        self.size += len(event) + 1
        self.records += 1
        done = self.batches.get(day, 0)
        locator = (
            self.shard * 10000 + done + 1 + (len(lst) - 1) // self.batch_size,
            (len(lst) - 1) % self.batch_size,
        )
        if self.size > FLUSH_BYTES and len(lst) % self.batch_size == 0:
            self.flush()
        return locator

    def rel_path(self, day: int, batch: int) -> str:
        return f"sendgrid/events/{day_str(day * 86400)}/batch-{batch:06d}.json"

    def flush(self) -> None:
        bs = self.batch_size
        for day in sorted(self.buf):
            events = self.buf[day]
            folder = os.path.join(self.root, day_str(day * 86400))
            os.makedirs(folder, exist_ok=True)
            n = self.batches.get(day, 0)
            for i in range(0, len(events), bs):
                n += 1
                path = os.path.join(folder, f"batch-{self.shard * 10000 + n:06d}.json")
                with open(path, "wb") as fh:
                    fh.write(b"[" + b",".join(events[i : i + bs]) + b"]")
            self.batches[day] = n
        self.buf.clear()
        self.size = 0


def write_single_sends(out_dir: str, sends) -> None:
    folder = os.path.join(out_dir, "sendgrid", "singlesends")
    os.makedirs(folder, exist_ok=True)
    result = [
        {
            "id": s.id,
            "name": s.name,
            "status": "triggered" if s.program else "completed",
            "categories": list(s.categories),
            "send_at": iso(s.send_at),
            "created_at": iso(s.send_at - 5 * 86400),
            "updated_at": iso(s.send_at),
            "is_abtest": False,
        }
        for s in sends
    ]
    body = {
        "result": result,
        "_metadata": {
            "self": "https://api.sendgrid.com/v3/marketing/singlesends?page_size=100",
            "count": len(result),
        },
    }
    with open(os.path.join(folder, "page-000001.json"), "wb") as fh:
        fh.write(orjson.dumps(body))
