"""Reading the HubSpot pages the generator wrote, writing Bulk API 2.0 result CSVs."""

from __future__ import annotations

import csv
import os

import orjson

from .salesforce_fields import FIELDS

PART_ROWS = 100_000


def malformed_locations(truth_dir: str) -> set[tuple[str, str]]:
    """(file, locator) of the HubSpot records listed in _truth/malformed.csv."""
    with open(os.path.join(truth_dir, "malformed.csv"), newline="") as fh:
        return {(r["file"], r["locator"]) for r in csv.DictReader(fh) if r["source"] == "hubspot"}


def newest(out_dir: str, obj: str, skip: set[tuple[str, str]]) -> list[dict]:
    """The newest version (highest updatedAt) of each object, ordered by id."""
    root = os.path.join(out_dir, "hubspot", obj)
    best: dict[str, dict] = {}
    for snap in sorted(os.listdir(root)):
        for name in sorted(os.listdir(os.path.join(root, snap))):
            rel = f"hubspot/{obj}/{snap}/{name}"
            with open(os.path.join(root, snap, name), "rb") as fh:
                results = orjson.loads(fh.read())["results"]
            for i, o in enumerate(results):
                if (rel, f"results[{i}]") in skip:
                    continue
                seen = best.get(o["id"])
                if seen is None or o["updatedAt"] >= seen["updatedAt"]:
                    best[o["id"]] = o
    return [best[k] for k in sorted(best, key=int)]


def listing(out_dir: str, rel: str) -> list[dict]:
    with open(os.path.join(out_dir, "hubspot", rel), "rb") as fh:
        return orjson.loads(fh.read())["results"]


class BulkWriter:
    """`<out>/salesforce/<Object>/part-NNNN.csv`, a new part every PART_ROWS rows."""

    def __init__(self, out_dir: str):
        self.root = os.path.join(out_dir, "salesforce")
        self.counts: dict[str, int] = {}
        self._open: dict[str, tuple] = {}

    def row(self, obj: str, values: dict) -> None:
        n = self.counts.get(obj, 0)
        if n % PART_ROWS == 0:
            self._new_part(obj, n // PART_ROWS + 1)
        self._open[obj][1].writerow(values)
        self.counts[obj] = n + 1

    def _new_part(self, obj: str, part: int) -> None:
        if obj in self._open:
            self._open[obj][0].close()
        folder = os.path.join(self.root, obj)
        os.makedirs(folder, exist_ok=True)
        fh = open(os.path.join(folder, f"part-{part:04d}.csv"), "w", newline="", encoding="utf-8")  # noqa: SIM115
        w = csv.DictWriter(fh, FIELDS[obj], restval="", lineterminator="\n", extrasaction="raise")
        w.writeheader()
        self._open[obj] = (fh, w)

    def close(self) -> None:
        """Close every part; objects without records still get a header-only part."""
        for obj in FIELDS:
            if obj not in self.counts:
                self._new_part(obj, 1)
                self.counts[obj] = 0
        for fh, _ in self._open.values():
            fh.close()
        self._open.clear()
