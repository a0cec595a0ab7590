"""The API way in: a provider whose chunks are API pages instead of landing files.

A reader (one per raw table, in ingestion/api/<vendor>.py) yields `Page`s; this provider
groups them into chunks of about `chunk_records` records, each filling DuckDB's `recs` table
exactly as the files path does, so validation, quarantine and loading are shared and the two
paths produce the same rows. The reader's high-water marks are committed with the last chunk
only: dlt stores the resource state in the warehouse with the load, so a run that fails
half-way commits none of them and the next run reads the same window again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import orjson

from ingestion.config import VendorConfig
from ingestion.files.records import records_table
from ingestion.providers import Chunk


@dataclass
class Page:
    label: str  # the `_file` lineage: "GET https://…?after=…"
    array: str  # name of the record array in the body ("results"): locators are array[i]
    records: list[tuple[int, object]]  # (index in the page's array, record)


# reader(vendor, previous state, state updates to fill) -> pages
Reader = Callable[[VendorConfig, dict, dict], Iterator[Page]]
EnumResolver = Callable[[VendorConfig], tuple[str, ...] | None]


@dataclass
class _Buffer:
    files: list[str] = field(default_factory=list)
    locators: list[str] = field(default_factory=list)
    payloads: list[str] = field(default_factory=list)

    def add(self, page: Page) -> None:
        for i, rec in page.records:
            self.files.append(page.label)
            self.locators.append(f"{page.array}[{i}]")
            self.payloads.append(orjson.dumps(rec).decode())

    def chunk(self, commit: dict | None = None) -> Chunk:
        def fill(con, files=self.files, locs=self.locators, payloads=self.payloads):
            records_table(con, files, locs, payloads)
            return []

        return Chunk(fill=fill, commit=commit or {})


class ApiProvider:
    kind = "api"
    state_key = "api"

    def __init__(
        self,
        vendor: VendorConfig,
        reader: Reader,
        enum_resolvers: dict[str, EnumResolver] | None = None,
    ):
        self.vendor, self.reader = vendor, reader
        self.enum_resolvers = enum_resolvers or {}

    def enums(self, contract) -> dict[str, tuple[str, ...]]:
        out = {}
        for f in contract.fields:
            if f.enum_ref and f.enum_ref in self.enum_resolvers:
                values = self.enum_resolvers[f.enum_ref](self.vendor)
                if values:
                    out[f.enum_ref] = values
        return out

    def chunks(self, state: dict) -> Iterator[Chunk]:
        updates: dict = {}
        buf = _Buffer()
        for page in self.reader(self.vendor, dict(state), updates):
            buf.add(page)
            if len(buf.payloads) >= self.vendor.http.chunk_records:
                yield buf.chunk()
                buf = _Buffer()
        # Always a last (possibly empty) chunk: it carries the high-water marks.
        yield buf.chunk(commit=updates)
