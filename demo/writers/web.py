"""Segment-spec JSONL, foldered by the day the tracker received each event.

A shard buffers serialized lines per received day and appends them to its own part file
when the buffer grows, so memory stays bounded however long the window is. An event may be
queued as a dict and is serialized when written: the simulator completes form submissions
(progressive fields) once a person's story is done, and holds the flush until then.
"""

from __future__ import annotations

import os

import orjson

from ..timefmt import day_str

FLUSH_BYTES = 24 << 20


class WebWriter:
    def __init__(self, out_dir: str, shard: int):
        self.root = os.path.join(out_dir, "web", "events")
        self.name = f"part-{shard:03d}.jsonl"
        self.buf: dict[int, list[bytes]] = {}
        self.lines_written: dict[int, int] = {}
        self.size = 0
        self.records = 0
        self.hold = False  # no flush while a person's deferred events are incomplete

    def rel_path(self, day: int) -> str:
        return f"web/events/{day_str(day * 86400)}/{self.name}"

    def add(self, received_ms: int, line: bytes | dict) -> tuple[int, int]:
        """Queue one event line; returns (day, 1-based line number in that day's part file)."""
        day = received_ms // 86_400_000
        lst = self.buf.get(day)
        if lst is None:
            lst = self.buf[day] = []
        lst.append(line)
        self.size += (len(line) if isinstance(line, bytes) else 600) + 1
        self.records += 1
        if self.size > FLUSH_BYTES and not self.hold:
            pos = self.lines_written.get(day, 0) + len(lst)
            self.flush()
            return day, pos
        return day, self.lines_written.get(day, 0) + len(lst)

    def flush(self) -> None:
        for day in sorted(self.buf):
            lines = [x if isinstance(x, bytes) else orjson.dumps(x) for x in self.buf[day]]
            folder = os.path.join(self.root, day_str(day * 86400))
            os.makedirs(folder, exist_ok=True)
            with open(os.path.join(folder, self.name), "ab") as fh:
                fh.write(b"\n".join(lines) + b"\n")
            self.lines_written[day] = self.lines_written.get(day, 0) + len(lines)
        self.buf.clear()
        self.size = 0
