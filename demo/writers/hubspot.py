"""HubSpot CRM v3 list-response pages, written as incremental snapshots.

Shards serialize object versions (one JSON per line) into scratch files per object type and
snapshot; `write_pages` then chains them into 100-object pages with `paging.next.after`
cursors, so a snapshot reads like one API pagination run.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator

import orjson

from .. import config as C
from ..entities import DEAL_STAGES, DEFAULT_PIPELINE, EXPANSION_PIPELINE, EXPANSION_STAGES
from ..timefmt import day_str, iso

OBJECTS = ("contacts", "companies", "deals", "calls", "meetings", "emails")
PAGE_SIZE = 100
SNAPSHOT_NAMES = tuple(day_str(s) for s in C.SNAPSHOTS)


def snapshot_of(ts: int) -> int:
    for i, s in enumerate(C.SNAPSHOTS):
        if ts < s:
            return i
    return len(C.SNAPSHOTS) - 1


def versions(
    obj_id: str,
    created: int,
    base: dict,
    changes: list,
    history_props: tuple[str, ...],
    associations: dict,
    base_source: str = "CRM_UI",
) -> Iterator[tuple[int, bytes]]:
    """Yield (snapshot index, serialized object) for each snapshot in which the object changed.

    `base` holds every property as created; `changes` are (ts, property, value, sourceType)
    sorted by ts. The state as of a snapshot is the fold of what happened before it.
    """
    props: dict = {}
    hist: dict[str, list] = {p: [] for p in history_props}
    pending_base = True
    i, n = 0, len(changes)
    for snap, bound in enumerate(C.SNAPSHOTS):
        last = None
        if pending_base and created < bound:
            props.update(base)
            for p, h in hist.items():
                if base.get(p) is not None:
                    h.append(
                        {
                            "value": base[p],
                            "timestamp": iso(created),
                            "sourceType": base_source,
                            "sourceId": None,
                        }
                    )
            pending_base = False
            last = created
        while i < n and changes[i][0] < bound:
            ts, prop, value, src = changes[i]
            props[prop] = value
            h = hist.get(prop)
            if h is not None:
                h.append(
                    {"value": value, "timestamp": iso(ts), "sourceType": src, "sourceId": None}
                )
            last = ts
            i += 1
        if last is None:
            continue
        props["lastmodifieddate"] = props["hs_lastmodifieddate"] = iso(last)
        obj = {
            "id": obj_id,
            "createdAt": iso(created),
            "updatedAt": iso(last),
            "archived": False,
            "properties": props,
            "propertiesWithHistory": {p: v[::-1] for p, v in hist.items()},
            "associations": associations,
        }
        yield snap, orjson.dumps(obj)


class HubspotScratch:
    """Shard-side: one scratch JSONL per (object type, snapshot)."""

    def __init__(self, tmp_dir: str, shard: int):
        self.files = {}
        self.counts = {o: [0] * len(C.SNAPSHOTS) for o in OBJECTS}
        for obj in OBJECTS:
            for s in range(len(C.SNAPSHOTS)):
                d = os.path.join(tmp_dir, "hubspot", obj, str(s))
                os.makedirs(d, exist_ok=True)
                self.files[obj, s] = open(os.path.join(d, f"{shard:03d}.jsonl"), "wb")  # noqa: SIM115

    def write(self, obj: str, snap: int, line: bytes) -> None:
        self.files[obj, snap].write(line + b"\n")
        self.counts[obj][snap] += 1

    def close(self) -> None:
        for fh in self.files.values():
            fh.close()


def _scratch_lines(tmp_dir: str, obj: str, snap: int, shards: int) -> Iterator[bytes]:
    for shard in range(shards):
        path = os.path.join(tmp_dir, "hubspot", obj, str(snap), f"{shard:03d}.jsonl")
        if not os.path.exists(path):
            continue
        with open(path, "rb") as fh:
            for line in fh:
                yield line.rstrip(b"\n")


def write_pages(out_dir: str, obj: str, snap: int, lines: Iterable[bytes]) -> list[str]:
    """Chain `lines` into page files; returns the relative page paths in order."""
    folder = os.path.join(out_dir, "hubspot", obj, SNAPSHOT_NAMES[snap])
    os.makedirs(folder, exist_ok=True)
    paths, page, n = [], [], 0

    def emit(items: list[bytes], last: bool) -> None:
        nonlocal n
        n += 1
        body = b'{"results":[' + b",".join(items) + b"]"
        if not last:
            after = str(n * PAGE_SIZE)
            link = f"https://api.hubapi.com/crm/v3/objects/{obj}?after={after}&limit={PAGE_SIZE}"
            body += b',"paging":' + orjson.dumps({"next": {"after": after, "link": link}})
        name = f"page-{n:06d}.json"
        with open(os.path.join(folder, name), "wb") as fh:
            fh.write(body + b"}")
        paths.append(f"hubspot/{obj}/{SNAPSHOT_NAMES[snap]}/{name}")

    for line in lines:
        if len(page) == PAGE_SIZE:
            emit(page, last=False)
            page = []
        page.append(line)
    emit(page, last=True)
    return paths


def merged_lines(
    tmp_dir: str, obj: str, snap: int, shards: int, extras: dict[int, bytes]
) -> Iterator[bytes]:
    """Scratch lines of all shards in shard order, with `extras` spliced in at their positions."""
    pos = 0
    for line in _scratch_lines(tmp_dir, obj, snap, shards):
        while pos in extras:
            yield extras[pos]
            pos += 1
        yield line
        pos += 1
    for p in sorted(k for k in extras if k >= pos):
        yield extras[p]


def write_owners(out_dir: str, owners) -> None:
    folder = os.path.join(out_dir, "hubspot", "owners")
    os.makedirs(folder, exist_ok=True)
    created = iso(C.WINDOW_START - 90 * C.DAY)
    results = [
        {
            "id": o.id,
            "email": o.email,
            "type": "PERSON",
            "firstName": o.first,
            "lastName": o.last,
            "userId": o.user_id,
            "createdAt": created,
            "updatedAt": created,
            "archived": False,
            "teams": [{"id": o.team_id, "name": o.team_name, "primary": True}],
        }
        for o in owners
    ]
    with open(os.path.join(folder, "page-000001.json"), "wb") as fh:
        fh.write(orjson.dumps({"results": results}))


def _pipeline(pid: str, label: str, order: int, stages, created: str) -> dict:
    return {
        "id": pid,
        "label": label,
        "displayOrder": order,
        "archived": False,
        "createdAt": created,
        "updatedAt": created,
        "stages": [
            {
                "id": sid,
                "label": slabel,
                "displayOrder": i,
                "archived": False,
                "createdAt": created,
                "updatedAt": created,
                "metadata": {"isClosed": "true" if closed else "false", "probability": prob},
            }
            for i, (sid, slabel, prob, closed) in enumerate(stages)
        ],
    }


def write_pipelines(out_dir: str) -> None:
    """The deal pipelines: the sales pipeline and the expansion pipeline."""
    folder = os.path.join(out_dir, "hubspot", "pipelines")
    os.makedirs(folder, exist_ok=True)
    created = iso(C.WINDOW_START - 90 * C.DAY)
    body = {
        "results": [
            _pipeline(*DEFAULT_PIPELINE, 0, DEAL_STAGES, created),
            _pipeline(*EXPANSION_PIPELINE, 1, EXPANSION_STAGES, created),
        ]
    }
    with open(os.path.join(folder, "deals.json"), "wb") as fh:
        fh.write(orjson.dumps(body))
